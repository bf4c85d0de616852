import { Cron } from 'croner';
import type { FastifyInstance } from 'fastify';
import { describeBackupHealth } from './backup/backup-health.js';
import { type Config, describeDatabase } from './config.js';
import { purgeExpiredDeletions } from './domain/admin/enrollments/purge-expired-deletions.js';
import { offerFirstAdminSetup } from './domain/auth/offer-first-admin-setup.js';
import { sweepExpiredAuth } from './domain/auth/sweep-expired-auth.js';
import { buildApp } from './http/app.js';
import {
  type BackupSchedule,
  backupInChildProcess,
  pruneInChildProcess,
  startBackupSchedule,
  validateBackupSchedule,
} from './jobs/backup-schedule.js';
import { sweepExpiredDrafts } from './jobs/sweep-expired-drafts.js';
import { sweepOrphanFiles } from './jobs/sweep-orphan-files.js';
import { createLogger } from './logger.js';
import { dataPaths, openRuntime } from './main.js';
import { acquireDataFolderLock } from './storage/data-folder-lock.js';

/** The `serve` role: lock the data folder, migrate, listen, run background jobs, stop cleanly. */
export async function serve(config: Config): Promise<void> {
  // Before anything is locked or opened: a bad schedule must stop the start with a clear message.
  validateBackupSchedule(config.backup.schedule);
  const logger = createLogger(config.logLevel);
  const releaseLock = acquireDataFolderLock(config.dataDir, 'server');
  const runtime = await openRuntime(config, { migrate: true, logger }).catch((error) => {
    releaseLock();
    throw error;
  });
  let backups: BackupSchedule | undefined;
  const app = await buildApp({
    ...runtime,
    logger,
    backupHealth: () => describeBackupHealth(dataPaths(config).backups, runtime.now(), config.backup.maxAgeHours),
    events: { onEnrollmentSubmitted: () => backups?.onEnrollmentSubmitted() },
  });
  const sweep = async () => {
    const removed = await sweepOrphanFiles(runtime);
    if (removed.blobs + removed.staging > 0) logger.info(removed, 'removed unreferenced files');
  };
  // Expired drafts go first (hourly at :07); the orphan sweep at :17 then removes their files.
  const sweepDrafts = async () => {
    const drafts = await sweepExpiredDrafts(runtime);
    if (drafts > 0) logger.info({ drafts }, 'removed expired drafts');
  };
  // Soft-deleted enrollments are purged 30 days on (hourly at :27), with their unneeded files.
  const purgeDeletions = async () => {
    const purged = await purgeExpiredDeletions(runtime);
    if (purged.enrollments > 0) logger.info(purged, 'purged enrollments deleted more than 30 days ago');
    await sweepExpiredAuth(runtime);
  };
  await sweepDrafts();
  await sweep();
  await purgeDeletions();
  const jobs = [
    new Cron('7 * * * *', { protect: true, catch: (e) => logger.error({ err: e }, 'draft sweep failed') }, sweepDrafts),
    new Cron('17 * * * *', { protect: true, catch: (e) => logger.error({ err: e }, 'sweep failed') }, sweep),
    new Cron('27 * * * *', { protect: true, catch: (e) => logger.error({ err: e }, 'purge failed') }, purgeDeletions),
  ];
  // Backups run in a child process (`byov backup`, then `byov prune`) so they never stall requests.
  backups = startBackupSchedule({
    config: config.backup,
    logger,
    runBackup: backupInChildProcess,
    runPrune: pruneInChildProcess,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    for (const job of jobs) job.stop();
    await backups?.stop();
    await closeGracefully(app);
    await runtime.close();
    releaseLock();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  const address = await app.listen({ host: config.host, port: config.port });
  logger.info(
    { address, database: runtime.db.engine, location: describeDatabase(config.database), dataDir: config.dataDir },
    'BYOV Enrollment is serving',
  );
  // There are no built-in credentials: until an admin exists, each start logs a one-time link
  // (valid an hour) that creates the first one. This is the one secret the log ever carries.
  const firstAdmin = await offerFirstAdminSetup({ db: runtime.db, now: runtime.now, publicUrl: config.publicUrl });
  if (firstAdmin) {
    logger.warn(
      { setupLink: firstAdmin.link, expiresAt: firstAdmin.expiresAt },
      'No admin account yet: open this one-time link within an hour to create the first admin (restart for a new one)',
    );
  }
}

/**
 * Lets in-flight requests finish (an upload being written gets its answer), but does not wait
 * for idle keep-alive connections: a connection that turns idle after close began would
 * otherwise hold the process open indefinitely.
 */
async function closeGracefully(app: FastifyInstance, forceAfterMs = 15_000): Promise<void> {
  const closing = app.close();
  const sweeper = setInterval(() => app.server.closeIdleConnections(), 100);
  const force = setTimeout(() => app.server.closeAllConnections(), forceAfterMs);
  try {
    await closing;
  } finally {
    clearInterval(sweeper);
    clearTimeout(force);
  }
}
