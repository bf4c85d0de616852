import { AppError } from '../../../errors.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { deleteWebhookEndpoint, findWebhookEndpoint } from '../../../storage/repositories/webhook.repository.js';
import { type ActionContext, auditActor } from '../../auth/actor.js';
import { hostOf, type WebhookAdminDeps } from './webhook-endpoint-deps.js';

/** Removes an endpoint; its deliveries still waiting fail at their next attempt ("removed"). */
export async function removeWebhookEndpoint(deps: WebhookAdminDeps, context: ActionContext, id: string) {
  await deps.db.kysely.transaction().execute(async (trx) => {
    const current = await findWebhookEndpoint(trx, id);
    if (!current || !(await deleteWebhookEndpoint(trx, id))) {
      throw new AppError('NOT_FOUND', 'No webhook endpoint has this id.');
    }
    await insertAuditEvent(trx, {
      enrollmentId: null,
      ...auditActor(context),
      action: 'webhook.endpoint_deleted',
      details: { endpointId: id, host: hostOf(current.url) },
    });
  });
}
