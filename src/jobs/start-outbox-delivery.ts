import type { Logger } from 'pino';
import { dashboardHandler } from '../domain/integrations/dashboard-delivery.js';
import { webhookHandler } from '../domain/integrations/webhooks/webhook-delivery.js';
import { emailHandler } from '../domain/notifications/email-delivery.js';
import { combineHandlers, type OutboxHandler } from '../domain/outbox/outbox-handler.js';
import { describeMailStatus, messageIdDomain } from '../mail/mail-status.js';
import { createMailTransport, type MailTransport } from '../mail/transport.js';
import type { ResolveHost } from '../net/address-guard.js';
import type { Runtime } from '../runtime.js';
import { breakLease } from '../storage/repositories/job-lease.repository.js';
import { OUTBOX_LEASE, startOutboxSender } from './outbox-sender.js';

/**
 * The handlers of every configured channel: e-mail with SMTP_URL, the dashboard sync with
 * DASHBOARD_URL, and webhooks (queued only for registered endpoints). A channel that is not
 * configured leaves its messages waiting.
 */
export function outboxHandlers(
  runtime: Pick<Runtime, 'config' | 'db' | 'files' | 'now'>,
  transport: MailTransport | undefined,
  resolveHost?: ResolveHost,
): OutboxHandler | undefined {
  const { config } = runtime;
  const { dashboard } = config.integrations;
  return combineHandlers([
    transport
      ? emailHandler({
          ...runtime,
          mail: config.mail,
          publicUrl: config.publicUrl,
          draftTtlDays: config.drafts.ttlDays,
          transport,
        })
      : undefined,
    dashboard ? dashboardHandler({ ...runtime, integrations: { ...config.integrations, dashboard } }) : undefined,
    webhookHandler({ ...runtime, integrations: config.integrations, resolveHost }),
  ]);
}

/**
 * Starts delivering the outbox. Without SMTP_URL no e-mail is sent: those messages wait (and
 * are counted in the log, `byov status` and the admin overview) until it is set.
 */
export async function startOutboxDelivery(runtime: Runtime, logger: Logger): Promise<{ stop(): Promise<void> }> {
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
    handler: outboxHandlers(runtime, transport),
    logger,
  });
  return {
    stop: async () => {
      await sender.stop();
      transport?.close();
    },
  };
}
