import { randomBytes } from 'node:crypto';
import { newId } from '../../../storage/ids.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { insertWebhookEndpoint } from '../../../storage/repositories/webhook.repository.js';
import { type ActionContext, auditActor } from '../../auth/actor.js';
import { parseInput } from '../../parse-input.js';
import { assertReachableUrl, hostOf, presentEndpoint, type WebhookAdminDeps } from './webhook-endpoint-deps.js';
import { NewEndpointSchema } from './webhook-input.js';

/**
 * Registers an endpoint with a new signing secret (`whsec_` and 24 random bytes in base64, the
 * Standard Webhooks form). The secret is in this answer only; the endpoint's URL is checked
 * against the address rules first.
 */
export async function createWebhookEndpoint(deps: WebhookAdminDeps, context: ActionContext, body: unknown) {
  const input = parseInput(NewEndpointSchema, body, { fieldDepth: 1 });
  await assertReachableUrl(deps, input.url);
  const at = context.now.toISOString();
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const row = {
    id: newId(context.now.getTime()),
    url: input.url,
    description: input.description,
    events: JSON.stringify(input.events),
    enabled: input.enabled ? 1 : 0,
    secret,
    created_at: at,
    updated_at: at,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await insertWebhookEndpoint(trx, row);
    await insertAuditEvent(trx, {
      enrollmentId: null,
      ...auditActor(context),
      action: 'webhook.endpoint_created',
      details: { endpointId: row.id, host: hostOf(row.url), events: input.events, enabled: input.enabled },
    });
  });
  return { endpoint: presentEndpoint(row), secret };
}
