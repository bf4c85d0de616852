import type { Logger } from 'pino';
import { emailHandler } from '../domain/notifications/email-delivery.js';
import { describeMailStatus, messageIdDomain } from '../mail/mail-status.js';
import { createMailTransport } from '../mail/transport.js';
import type { Runtime } from '../runtime.js';
import { breakLease } from '../storage/repositories/job-lease.repository.js';
import { OUTBOX_LEASE, startOutboxSender } from './outbox-sender.js';

/**
 * Starts delivering the outbox through SMTP. Without SMTP_URL nothing is sent: the messages
 * wait (and are counted in the log, `byov status` and the admin overview) until it is set.
 */
export async function startMailSender(runtime: Runtime, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const { config } = runtime;
  const transport = createMailTransport(config.mail);
  if (!transport) {
    const status = await describeMailStatus(runtime.db.kysely, config);
    logger.warn({ waiting: status.waiting }, 'e-mail is not configured (SMTP_URL): messages wait in the outbox');
  }
  // A SQLite server holds the data folder's lock, so a lease left in it can only be from a
  // process that died: waiting for it to expire would only delay the mail.
  if (runtime.db.engine === 'sqlite') await breakLease(runtime.db.kysely, OUTBOX_LEASE);
  const sender = startOutboxSender({
    db: runtime.db,
    now: runtime.now,
    mail: config.mail,
    messageIdDomain: messageIdDomain(config),
    handler: transport
      ? emailHandler({
          ...runtime,
          mail: config.mail,
          publicUrl: config.publicUrl,
          draftTtlDays: config.drafts.ttlDays,
          transport,
        })
      : undefined,
    logger,
  });
  return {
    stop: async () => {
      await sender.stop();
      transport?.close();
    },
  };
}
