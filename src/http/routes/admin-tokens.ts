import type { FastifyInstance } from 'fastify';
import { CreateApiTokenSchema, createApiToken } from '../../domain/admin/tokens/create-api-token.js';
import { listApiTokens } from '../../domain/admin/tokens/list-api-tokens.js';
import { revokeApiToken } from '../../domain/admin/tokens/revoke-api-token.js';
import { actionContext, guard } from '../admin-auth.js';
import type { AppDeps } from '../app.js';
import {
  ApiTokenListResponseSchema,
  ApiTokenResponseSchema,
  CreatedApiTokenResponseSchema,
} from '../response-schemas.js';

/** Token creation per address and minute: enough for an admin, a wall for a script in a loop. */
export const TOKEN_CREATIONS_PER_MINUTE = 30;

/**
 * Named API tokens: admins only, and never with a token (a token that could mint tokens would
 * make every scope moot):
 *
 * - `GET /api/admin/tokens` → {tokens}
 * - `POST /api/admin/tokens` `{name, scopes, expiresInDays}` → 201 {token, secret} (the secret shown once)
 * - `POST /api/admin/tokens/:id/revoke` → the token, revoked
 */
export function registerAdminTokenRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/api/admin/tokens', guard('admin', null, { responses: { 200: ApiTokenListResponseSchema } }), async () =>
    listApiTokens(deps),
  );
  app.post(
    '/api/admin/tokens',
    {
      config: {
        ...guard('admin', null, { body: CreateApiTokenSchema, responses: { 201: CreatedApiTokenResponseSchema } })
          .config,
        rateLimit: { max: TOKEN_CREATIONS_PER_MINUTE, timeWindow: '1 minute' },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(deps, actionContext(request, deps.now), request.body);
      // The secret is in the body only: never in a header, a log line or the audit trail.
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  );
  app.post<{ Params: { id: string } }>(
    '/api/admin/tokens/:id/revoke',
    guard('admin', null, { responses: { 200: ApiTokenResponseSchema } }),
    async (request) => revokeApiToken(deps, actionContext(request, deps.now), request.params.id),
  );
}
