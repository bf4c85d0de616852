import type { FastifyInstance } from 'fastify';
import type { PolicyLibrary } from '../../domain/policy/policy-library.js';
import { readPolicy } from '../../domain/policy/read-policy.js';
import type { AppDeps } from '../app.js';

/**
 * `GET /api/policy?state=IL&language=es` (state code or name; language optional, `en` or `es`):
 * the policy to read before signing, in that language when the company supplies it.
 */
export function registerPolicyRoutes(app: FastifyInstance, deps: AppDeps & { policies: PolicyLibrary }): void {
  app.get<{ Querystring: { state?: unknown; language?: unknown } }>(
    '/api/policy',
    { config: { rateLimit: { max: deps.config.rateLimit.wizardRequestsPerMinute, timeWindow: '1 minute' } } },
    async (request) => readPolicy(deps.policies, request.query.state, request.query.language),
  );
}
