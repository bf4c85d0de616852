import { z } from 'zod';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { renderLayout } from '../../mail/layout.js';
import { messageIdDomain } from '../../mail/mail-status.js';
import { createMailTransport, MailSendError } from '../../mail/transport.js';
import { newId } from '../../storage/ids.js';
import { parseInput } from '../parse-input.js';

/** `{to}`: the body of the admin's "send a test" and the CLI's `byov mail test <address>`. */
export const TestEmailSchema = z.object({ to: z.string().trim().max(254).pipe(z.email()) });

/**
 * Sends one e-mail straight to the SMTP server (not through the outbox), so the person testing
 * the settings sees at once whether it was accepted, or the server's exact refusal.
 */
export async function sendTestEmail(
  deps: { config: Config; now: () => Date },
  request: unknown,
): Promise<{ to: string; serverResponse: string }> {
  const { to } = parseInput(TestEmailSchema, request ?? {}, {
    refusal: { message: 'Give the e-mail address to send the test to.', field: 'to' },
  });
  const mail = deps.config.mail;
  const transport = createMailTransport(mail);
  if (!transport) {
    throw new AppError('MAIL_NOT_CONFIGURED', 'E-mail is not configured: set SMTP_URL (and MAIL_FROM) and restart.');
  }
  const heading = 'Test e-mail';
  const body = renderLayout({
    programName: mail.programName,
    heading,
    blocks: [{ kind: 'paragraph', text: `E-mail from the enrollment system works. Sent ${deps.now().toISOString()}.` }],
  });
  try {
    const serverResponse = await transport.send({
      to: [to],
      subject: `[${mail.programName}] ${heading}`,
      ...body,
      attachments: [],
      messageId: `<${newId()}@${messageIdDomain(deps.config)}>`,
    });
    return { to: to, serverResponse };
  } catch (error) {
    if (error instanceof MailSendError) {
      throw new AppError('MAIL_REFUSED', `The mail server did not accept the test e-mail: ${error.message}`);
    }
    throw error;
  } finally {
    transport.close();
  }
}
