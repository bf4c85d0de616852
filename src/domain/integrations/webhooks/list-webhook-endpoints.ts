import type { OutboxRow } from '../../../storage/database.js';
import type { Db } from '../../../storage/db.js';
import { listAttemptsOf, listMessagesTo } from '../../../storage/repositories/outbox.repository.js';
import { listWebhookEndpoints } from '../../../storage/repositories/webhook.repository.js';
import { presentEndpoint } from './webhook-endpoint-deps.js';
import { WEBHOOK_EVENTS, WEBHOOK_KIND_PREFIX } from './webhook-events.js';

const DELIVERIES_SHOWN = 20;

/** Every endpoint with its newest deliveries, each with its attempts and the answers to them. */
export async function listWebhookEndpointsWithDeliveries(deps: { db: Db }) {
  const db = deps.db.kysely;
  const endpoints = [];
  for (const row of await listWebhookEndpoints(db)) {
    const messages = await listMessagesTo(db, WEBHOOK_KIND_PREFIX, [row.id], DELIVERIES_SHOWN);
    const attempts = await listAttemptsOf(
      db,
      messages.map((m) => m.id),
    );
    endpoints.push({
      ...presentEndpoint(row),
      deliveries: messages.map((message) => presentDelivery(message, attempts)),
    });
  }
  return { events: [...WEBHOOK_EVENTS], endpoints };
}

function presentDelivery(message: OutboxRow, attempts: Awaited<ReturnType<typeof listAttemptsOf>>) {
  return {
    id: message.id,
    event: message.kind.slice(WEBHOOK_KIND_PREFIX.length),
    state: message.state,
    attempts: message.attempts,
    lastError: message.last_error,
    createdAt: message.created_at,
    nextAttemptAt: message.state === 'waiting' ? message.next_attempt_at : null,
    deliveredAt: message.sent_at,
    history: attempts
      .filter((a) => a.outbox_id === message.id)
      .map((a) => ({ at: a.attempted_at, status: a.response_status, body: a.response_body, error: a.error })),
  };
}
