import type { FastifyInstance } from 'fastify';
import type { PolicyLibrary } from '../../domain/policy/policy-library.js';
import { readPolicy } from '../../domain/policy/read-policy.js';
import type { AppDeps } from '../app.js';

/** `GET /api/policy?state=IL` (code or name): the policy to read before signing. */
export function registerPolicyRoutes(app: FastifyInstance, deps: AppDeps & { policies: PolicyLibrary }): void {
  app.get<{ Querystring: { state?: unknown } }>(
    '/api/policy',
    { config: { rateLimit: { max: deps.config.rateLimit.wizardRequestsPerMinute, timeWindow: '1 minute' } } },
    async (request) => readPolicy(deps.policies, request.query.state),
  );
}
