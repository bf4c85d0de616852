import type { FastifyInstance } from 'fastify';
import type { PolicyLibrary } from '../../domain/policy/policy-library.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../app.js';

/**
 * `GET /api/policy?state=IL` (code or name): the policy the technician must read in full before
 * signing, with the version and SHA-256 that will be recorded with the signature.
 */
export function registerPolicyRoutes(app: FastifyInstance, deps: AppDeps & { policies: PolicyLibrary }): void {
  app.get<{ Querystring: { state?: unknown } }>(
    '/api/policy',
    { config: { rateLimit: { max: deps.config.rateLimit.wizardRequestsPerMinute, timeWindow: '1 minute' } } },
    async (request) => {
      const state = request.query.state;
      if (typeof state !== 'string' || state.trim() === '') {
        throw new AppError('VALIDATION_FAILED', 'Choose your state to see its policy.', { field: 'state' });
      }
      const policy = deps.policies.forState(state);
      return {
        templateId: policy.id,
        version: policy.version,
        title: policy.title,
        text: policy.text,
        sha256: policy.sha256,
      };
    },
  );
}
