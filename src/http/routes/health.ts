import type { FastifyInstance } from 'fastify';
import { readSchemaState } from '../../storage/migrate.js';
import { countEnrollments } from '../../storage/repositories/enrollment.repository.js';
import type { AppDeps } from '../app.js';

export function registerHealthRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/health', async (_request, reply) => {
    const db = deps.db.kysely;
    try {
      const [schema, enrollments, backup] = await Promise.all([
        readSchemaState(db),
        countEnrollments(db),
        deps.backupHealth?.(),
      ]);
      return {
        status: backup?.warning ? 'warn' : 'ok',
        database: deps.db.engine,
        schemaVersion: schema.version,
        enrollments,
        ...(backup ? { backup } : {}),
      };
    } catch (error) {
      reply.log.error({ err: error }, 'health check failed');
      return reply.status(503).send({ status: 'error', database: deps.db.engine });
    }
  });
}
