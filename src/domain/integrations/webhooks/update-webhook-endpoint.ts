import { AppError } from '../../../errors.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { findWebhookEndpoint, updateWebhookEndpoint } from '../../../storage/repositories/webhook.repository.js';
import { type ActionContext, auditActor } from '../../auth/actor.js';
import { parseInput } from '../../parse-input.js';
import { assertReachableUrl, hostOf, presentEndpoint, type WebhookAdminDeps } from './webhook-endpoint-deps.js';
import { EndpointChangesSchema } from './webhook-input.js';

/** Changes an endpoint's URL (checked again), description, events or whether it is enabled. */
export async function updateWebhookEndpointSettings(
  deps: WebhookAdminDeps,
  context: ActionContext,
  id: string,
  body: unknown,
) {
  const input = parseInput(EndpointChangesSchema, body, { fieldDepth: 1 });
  const current = await findWebhookEndpoint(deps.db.kysely, id);
  if (!current) throw new AppError('NOT_FOUND', 'No webhook endpoint has this id.');
  if (input.url !== undefined && input.url !== current.url) await assertReachableUrl(deps, input.url);
  const next = {
    url: input.url ?? current.url,
    description: input.description ?? current.description,
    events: input.events ? JSON.stringify(input.events) : current.events,
    enabled: input.enabled === undefined ? current.enabled : input.enabled ? 1 : 0,
    updated_at: context.now.toISOString(),
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    if (!(await updateWebhookEndpoint(trx, id, next)))
      throw new AppError('NOT_FOUND', 'No webhook endpoint has this id.');
    await insertAuditEvent(trx, {
      enrollmentId: null,
      ...auditActor(context),
      action: 'webhook.endpoint_updated',
      details: {
        endpointId: id,
        host: hostOf(next.url),
        events: JSON.parse(next.events) as string[],
        enabled: next.enabled === 1,
      },
    });
  });
  return { endpoint: presentEndpoint({ ...current, ...next }) };
}
