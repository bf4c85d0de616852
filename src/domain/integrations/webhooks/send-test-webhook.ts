import { AppError } from '../../../errors.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { enqueueOutboxMessage } from '../../../storage/repositories/outbox.repository.js';
import { findWebhookEndpoint } from '../../../storage/repositories/webhook.repository.js';
import { type ActionContext, auditActor } from '../../auth/actor.js';
import type { WebhookAdminDeps } from './webhook-endpoint-deps.js';
import { TEST_EVENT, WEBHOOK_KIND_PREFIX, type WebhookPayload } from './webhook-events.js';

/** "Send test event": queues a `webhook.test` delivery to one endpoint, due now. */
export async function sendTestWebhook(deps: WebhookAdminDeps, context: ActionContext, id: string) {
  return deps.db.kysely.transaction().execute(async (trx) => {
    const endpoint = await findWebhookEndpoint(trx, id);
    if (!endpoint) throw new AppError('NOT_FOUND', 'No webhook endpoint has this id.');
    if (endpoint.enabled !== 1)
      throw new AppError('INVALID_TRANSITION', 'Enable the endpoint to send it a test event.');
    const payload: WebhookPayload = {
      type: TEST_EVENT,
      timestamp: context.now.toISOString(),
      data: { endpointId: id, message: 'A test event from BYOV Enrollment.' },
    };
    const outboxId = (await enqueueOutboxMessage(trx, {
      kind: `${WEBHOOK_KIND_PREFIX}test`,
      recipients: [id],
      payload: { ...payload },
      at: context.now,
    })) as string;
    await insertAuditEvent(trx, {
      enrollmentId: null,
      ...auditActor(context),
      action: 'webhook.test_queued',
      details: { endpointId: id, outboxId },
    });
    return { id: outboxId, state: 'waiting' as const };
  });
}
