import { createHash } from 'node:crypto';
import { emailHandler } from '../../src/domain/notifications/email-delivery.js';
import { type OutboxSenderDeps, sendDueMessages } from '../../src/jobs/outbox-sender.js';
import { messageIdDomain } from '../../src/mail/mail-status.js';
import { createMailTransport } from '../../src/mail/transport.js';
import { writeSetting } from '../../src/storage/repositories/settings.repository.js';
import { adminHeaders, type TestApp } from '../support/app-harness.js';

export const INBOX = 'byov-inbox@example.com';

/** The sender as the server runs it, on the test app's database and clock. */
export function senderFor(t: TestApp, now: () => Date, holder = 'test-sender'): OutboxSenderDeps {
  const transport = createMailTransport(t.config.mail);
  return {
    db: t.runtime.db,
    now,
    mail: t.config.mail,
    messageIdDomain: messageIdDomain(t.config),
    handler: transport
      ? emailHandler({
          ...t.runtime,
          now,
          mail: t.config.mail,
          publicUrl: t.config.publicUrl,
          draftTtlDays: t.config.drafts.ttlDays,
          transport,
        })
      : undefined,
    holder,
  };
}

export function sendNow(t: TestApp, now: () => Date, holder = 'test-sender') {
  return sendDueMessages(senderFor(t, now, holder));
}

export async function setInbox(t: TestApp, inbox: string[] = [INBOX]): Promise<void> {
  await writeSetting(t.runtime.db.kysely, 'notifications', { inbox }, new Date().toISOString());
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function outboxRows(t: TestApp) {
  return t.runtime.db.kysely.selectFrom('outbox').selectAll().orderBy('id').execute();
}

/** The first http(s) link in a text body that contains `fragment`. */
export function linkIn(text: string, fragment: string): string {
  const link = text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(fragment));
  if (!link) throw new Error(`no link with ${fragment} in:\n${text}`);
  return link;
}

/** Admin API calls with the bearer token, on whichever app the test currently has. */
export function adminApi(current: () => TestApp) {
  return (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
    current().app.inject({
      method,
      url,
      headers: adminHeaders(),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
}
