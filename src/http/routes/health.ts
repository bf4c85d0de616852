import type { FastifyInstance } from 'fastify';
import { checkHealth } from '../../domain/health/check-health.js';
import type { StorageGuard } from '../../files/storage-guard.js';
import { identifyAdminCaller } from '../admin-auth.js';
import type { AppDeps } from '../app.js';
import { HealthResponseSchema } from '../response-schemas.js';

/** `GET /health`: the summary for anyone, the details for the bearer token or an admin session. */
export function registerHealthRoutes(app: FastifyInstance, deps: AppDeps & { storage: StorageGuard }): void {
  app.get('/health', { config: { doc: { responses: { 200: HealthResponseSchema } } } }, async (request, reply) => {
    try {
      const caller = await identifyAdminCaller(request, deps);
      return await checkHealth(deps, caller !== null);
    } catch (error) {
      reply.log.error({ err: error }, 'health check failed');
      return reply.status(503).send({ status: 'error', database: deps.db.engine });
    }
  });
}
