import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { createWebhookEndpoint } from '../../domain/integrations/webhooks/create-webhook-endpoint.js';
import { removeWebhookEndpoint } from '../../domain/integrations/webhooks/delete-webhook-endpoint.js';
import { listWebhookEndpointsWithDeliveries } from '../../domain/integrations/webhooks/list-webhook-endpoints.js';
import { sendTestWebhook } from '../../domain/integrations/webhooks/send-test-webhook.js';
import { updateWebhookEndpointSettings } from '../../domain/integrations/webhooks/update-webhook-endpoint.js';
import { EndpointChangesSchema, NewEndpointSchema } from '../../domain/integrations/webhooks/webhook-input.js';
import { actionContext, guard } from '../admin-auth.js';
import type { AppDeps } from '../app.js';

// Endpoints receive the product's events: like settings, a person manages them, never a token.
const admin = (summary: string, body?: z.ZodType) => guard('admin', null, { summary, ...(body ? { body } : {}) });

type WithId = { Params: { id: string } };

/**
 * Webhook endpoints (admins):
 *
 * - `GET /api/admin/webhooks` → {events, endpoints: [{…, deliveries}]}
 * - `POST /api/admin/webhooks` {url, description?, events, enabled?} → 201 {endpoint, secret}
 * - `PUT /api/admin/webhooks/:id` {url?, description?, events?, enabled?} → {endpoint}
 * - `DELETE /api/admin/webhooks/:id` → 204
 * - `POST /api/admin/webhooks/:id/test` → 202 {id, state}
 */
export function registerAdminWebhookRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/api/admin/webhooks', admin('List webhook endpoints and their newest deliveries'), async () =>
    listWebhookEndpointsWithDeliveries(deps),
  );
  app.post(
    '/api/admin/webhooks',
    admin('Register a webhook endpoint (the secret is shown once)', NewEndpointSchema),
    async (request, reply) =>
      reply.status(201).send(await createWebhookEndpoint(deps, actionContext(request, deps.now), request.body)),
  );
  app.put<WithId>(
    '/api/admin/webhooks/:id',
    admin('Change a webhook endpoint', EndpointChangesSchema),
    async (request) =>
      updateWebhookEndpointSettings(deps, actionContext(request, deps.now), request.params.id, request.body),
  );
  app.delete<WithId>('/api/admin/webhooks/:id', admin('Remove a webhook endpoint'), async (request, reply) => {
    await removeWebhookEndpoint(deps, actionContext(request, deps.now), request.params.id);
    return reply.status(204).send();
  });
  app.post<WithId>('/api/admin/webhooks/:id/test', admin('Queue a test event to an endpoint'), async (request, reply) =>
    reply.status(202).send(await sendTestWebhook(deps, actionContext(request, deps.now), request.params.id)),
  );
}
