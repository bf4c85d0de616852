import nodemailer from 'nodemailer';
import type { MailConfig } from '../config.js';
import { headerText, type MailMessage } from './mail-message.js';

/** Sends e-mail through the configured SMTP server. */
export interface MailTransport {
  /** Resolves with the server's answer; rejects with a {@link MailSendError}. */
  send(message: MailMessage & { messageId: string }): Promise<string>;
  close(): void;
}

/** A refusal or failure, carrying the SMTP server's own words when it gave any. */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

/** The transport for `SMTP_URL`, or undefined when e-mail is not configured. */
export function createMailTransport(config: MailConfig): MailTransport | undefined {
  if (!config.smtpUrl) return undefined;
  // The URL carries host, port, credentials and TLS options (`?tls.rejectUnauthorized=false`).
  // The timeouts keep a server that accepts and then stalls from holding the sender forever.
  const transporter = nodemailer.createTransport(
    { url: config.smtpUrl, connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 },
    { from: config.from, ...(config.replyTo ? { replyTo: config.replyTo } : {}) },
  );
  return {
    async send(message) {
      try {
        const info = await transporter.sendMail({
          to: [...message.to],
          subject: headerText(message.subject),
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          attachments: message.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
          })),
        });
        return String(info.response ?? 'accepted');
      } catch (error) {
        throw toSendError(error);
      }
    },
    close: () => transporter.close(),
  };
}

function toSendError(error: unknown): MailSendError {
  const e = error as { response?: unknown; message?: unknown; code?: unknown };
  const text = typeof e.response === 'string' && e.response ? e.response : String(e.message ?? error);
  return new MailSendError(text.slice(0, 1000), typeof e.code === 'string' ? e.code : undefined);
}
