import type { Kysely } from 'kysely';
import type { Database } from '../../../storage/database.js';
import { enqueueOutboxMessage } from '../../../storage/repositories/outbox.repository.js';
import { listEnabledWebhookEndpoints } from '../../../storage/repositories/webhook.repository.js';
import { WEBHOOK_KIND_PREFIX, type WebhookEvent, type WebhookPayload } from './webhook-events.js';

/**
 * Queues one delivery of an event per enabled endpoint subscribed to it, in the transaction of
 * the change it reports. `dedupeKey` (per event) makes an event that must exist once, such as a
 * document's expiry, be queued once per endpoint however often it is raised.
 */
export async function enqueueWebhookEvent(
  trx: Kysely<Database>,
  type: WebhookEvent,
  data: Record<string, unknown>,
  options: { at: Date; enrollmentId?: string | null; dedupeKey?: string },
): Promise<number> {
  let queued = 0;
  for (const endpoint of await listEnabledWebhookEndpoints(trx)) {
    const events = JSON.parse(endpoint.events) as string[];
    if (!events.includes(type)) continue;
    const payload: WebhookPayload = { type, timestamp: options.at.toISOString(), data };
    const id = await enqueueOutboxMessage(trx, {
      kind: `${WEBHOOK_KIND_PREFIX}${type}`,
      recipients: [endpoint.id],
      payload: { ...payload },
      enrollmentId: options.enrollmentId ?? null,
      dedupeKey: options.dedupeKey ? `webhook:${endpoint.id}:${options.dedupeKey}` : null,
      at: options.at,
    });
    if (id) queued += 1;
  }
  return queued;
}
