import type { FastifyInstance } from 'fastify';
import { archiveBackup } from '../../domain/admin/backups/archive-backup.js';
import { createBackupJobs } from '../../domain/admin/backups/backup-jobs.js';
import type { ByovRunner } from '../../domain/admin/backups/byov-runner.js';
import { listBackupSummaries } from '../../domain/admin/backups/list-backup-summaries.js';
import { listRemoteCopies } from '../../domain/admin/backups/list-remote-copies.js';
import { verifyBackupNow } from '../../domain/admin/backups/verify-backup-now.js';
import { guard } from '../admin-auth.js';
import type { AppDeps } from '../app.js';

type WithName = { Params: { name: string } };

const admin = guard('admin', 'backup');

/** Backups from the control center: list, back up now, verify, download. Restoring stays a CLI step. */
export function registerAdminBackupRoutes(app: FastifyInstance, deps: AppDeps): void {
  const backupsDir = deps.config.paths.backups;
  const runByov = deps.runByov ?? backupsUnavailable;
  const jobs = createBackupJobs({ db: deps.db, runByov, now: deps.now });
  app.addHook('onClose', () => jobs.stop());

  app.get('/api/admin/backups', admin, async () => listBackupSummaries(backupsDir));

  app.get('/api/admin/backups/remote', admin, async () => listRemoteCopies(deps.config.backup.remote));

  app.post('/api/admin/backups', admin, async (_request, reply) =>
    reply.status(202).send({ jobId: await jobs.start() }),
  );

  app.get<{ Params: { jobId: string } }>('/api/admin/backups/jobs/:jobId', admin, async (request) =>
    jobs.get(request.params.jobId),
  );

  app.post<WithName>('/api/admin/backups/:name/verify', admin, async (request) =>
    verifyBackupNow({ backupsDir, runByov }, request.params.name),
  );

  app.get<WithName>('/api/admin/backups/:name/download', admin, async (request, reply) => {
    const archive = await archiveBackup(backupsDir, request.params.name);
    return reply
      .header('content-type', 'application/gzip')
      .header('content-disposition', `attachment; filename="${archive.filename}"`)
      .header('cache-control', 'no-store')
      .send(archive.stream);
  });
}

/** Without a runner (an app built for tests), the backup actions say so instead of spawning anything. */
const backupsUnavailable: ByovRunner = async () => ({
  exitCode: 1,
  json: { error: { code: 'INTERNAL', message: 'Backups cannot be run from this server.' } },
  stderrTail: '',
});
