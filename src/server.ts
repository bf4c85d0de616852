import type { FastifyInstance } from 'fastify';
import { describeRuntimeBackupHealth, newestVerifiedBackup } from './backup/backup-health.js';
import { runByovCommand } from './cli/run-byov-command.js';
import { type Config, describeDatabase } from './config.js';
import { offerFirstAdminSetup } from './domain/auth/offer-first-admin-setup.js';
import { reportBackupFailure } from './domain/integrations/webhooks/report-backup-failure.js';
import { markPoliciesServed } from './domain/policy/served-policies.js';
import { buildApp, loadPolicies } from './http/app.js';
import {
  type BackupSchedule,
  backupInChildProcess,
  pruneInChildProcess,
  startBackupSchedule,
  validateBackupSchedule,
} from './jobs/backup-schedule.js';
import { type ClusterMembership, joinCluster } from './jobs/cluster-membership.js';
import { startLiveDataCheck } from './jobs/live-data-check.js';
import { startMaintenanceJobs } from './jobs/maintenance-jobs.js';
import { newLeaseHolder } from './jobs/outbox-sender.js';
import { forgetDeadScheduleLeases } from './jobs/scheduled-lease.js';
import { claimScheduledBackup, databaseSubmissionCounter } from './jobs/shared-backup-schedule.js';
import { startOutboxDelivery } from './jobs/start-outbox-delivery.js';
import { createLogger } from './logger.js';
import { openRuntime } from './runtime.js';
import { acquireDataFolderLock } from './storage/data-folder-lock.js';
import { assertOwnSqliteDatabase } from './storage/foreign-database.js';

/** The `serve` role: lock the data folder, migrate, listen, run background jobs, stop cleanly. */
export async function serve(config: Config): Promise<void> {
  // Before anything is locked or opened: a bad schedule must stop the start with a clear message.
  validateBackupSchedule(config.backup.schedule);
  // A foreign database (the earlier version's byov.db) is refused before the lock file is written beside it.
  if (config.database.engine === 'sqlite') assertOwnSqliteDatabase(config.database.file);
  const logger = createLogger(config.logLevel);
  const releaseLock = acquireDataFolderLock(config.dataDir, 'server');
  const runtime = await openRuntime(config, { migrate: true, logger }).catch((error) => {
    releaseLock();
    throw error;
  });
  let backups: BackupSchedule | undefined;
  let membership: ClusterMembership | undefined;
  const policies = await loadPolicies(config.policyDir).catch(async (error) => {
    await runtime.close();
    releaseLock();
    throw error;
  });
  const app = await buildApp({
    ...runtime,
    policies,
    logger,
    warmWorkers: true,
    backupHealth: () => describeRuntimeBackupHealth(runtime, membership?.id),
    runByov: (args, signal) => runByovCommand(args, signal),
    events: { onEnrollmentSubmitted: () => void backups?.onEnrollmentSubmitted() },
  });
  // One holder name per process for every scheduled job's lease.
  const holder = newLeaseHolder();
  await forgetDeadScheduleLeases(runtime.db);
  const maintenance = await startMaintenanceJobs(runtime, logger, holder);
  const liveDataCheck = startLiveDataCheck(runtime, logger);
  const mail = await startOutboxDelivery(runtime, logger);
  // Backups run in a child process (`byov backup`, then `byov prune`) so they never stall requests.
  backups = startBackupSchedule({
    config: config.backup,
    logger,
    runBackup: backupInChildProcess(runByovCommand),
    runPrune: pruneInChildProcess(runByovCommand),
    counter: databaseSubmissionCounter(runtime),
    claimScheduledRun: claimScheduledBackup(runtime, holder),
    onBackupFailed: (failure) => reportBackupFailure(runtime, failure),
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    maintenance.stop();
    liveDataCheck.stop();
    await mail.stop();
    await backups?.stop();
    await closeGracefully(app);
    await membership?.leave().catch((error) => logger.warn({ err: error }, 'could not deregister this instance'));
    await runtime.close();
    releaseLock();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  const address = await app.listen({ host: config.host, port: config.port });
  // Registered once listening: from here on `restore` and `clear` refuse, and `byov status` lists it.
  membership = await joinCluster(runtime, {
    address,
    logger,
    onBeat: (now) => markPoliciesServed(runtime.db, policies, now),
    // Only other PostgreSQL instances read it; a SQLite server is alone, so it need not list its backups every beat.
    ...(runtime.db.engine === 'postgres' ? { newestBackup: () => newestVerifiedBackup(config.paths.backups) } : {}),
  });
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
