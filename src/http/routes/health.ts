import type { FastifyInstance } from 'fastify';
import { problemCount, readLiveDataFindings } from '../../backup/live-data-findings.js';
import type { StorageGuard } from '../../files/storage-guard.js';
import { readSchemaState } from '../../storage/migrate.js';
import { countEnrollments } from '../../storage/repositories/enrollment.repository.js';
import { identifyAdminCaller } from '../admin-auth.js';
import type { AppDeps } from '../app.js';

const MB = 1024 * 1024;

/**
 * `GET /health`: anyone (a load balancer, a monitor) gets the status, engine and schema version;
 * the enrollment count and backup details, which tell an outsider about the business, need the
 * bearer token or an admin session.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: AppDeps & { storage: StorageGuard }): void {
  app.get('/health', async (request, reply) => {
    const db = deps.db.kysely;
    try {
      const [schema, backup, storage, caller, liveData] = await Promise.all([
        readSchemaState(db),
        deps.backupHealth?.(),
        deps.storage.status(),
        identifyAdminCaller(request, deps),
        readLiveDataFindings(db),
      ]);
      // Damaged live data (found by the nightly check or `byov check`) outranks any warning.
      const problems = problemCount(liveData);
      const summary = {
        status: problems > 0 ? 'error' : backup?.warning || storage.low ? 'warn' : 'ok',
        database: deps.db.engine,
        schemaVersion: schema.version,
      };
      if (!caller) return summary;
      return {
        ...summary,
        enrollments: await countEnrollments(db),
        ...(backup ? { backup } : {}),
        liveData: { problems, lastCheckedAt: liveData.lastCheckedAt },
        storage: {
          low: storage.low,
          freeMb: Math.floor(storage.freeBytes / MB),
          minFreeMb: Math.floor(storage.minFreeBytes / MB),
        },
      };
    } catch (error) {
      reply.log.error({ err: error }, 'health check failed');
      return reply.status(503).send({ status: 'error', database: deps.db.engine });
    }
  });
}
