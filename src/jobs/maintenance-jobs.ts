import { Cron } from 'croner';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { purgeExpiredDeletions } from '../domain/admin/enrollments/purge-expired-deletions.js';
import { sweepExpiredAuth } from '../domain/auth/sweep-expired-auth.js';
import { enqueueExpiryReminders } from '../domain/notifications/enqueue-expiry-reminders.js';
import { enqueueWeeklyDigest } from '../domain/notifications/enqueue-weekly-digest.js';
import type { Runtime } from '../runtime.js';
import { newLeaseHolder } from './outbox-sender.js';
import { claimScheduledRun } from './scheduled-lease.js';
import { sweepExpiredDrafts } from './sweep-expired-drafts.js';
import { sweepOrphanFiles } from './sweep-orphan-files.js';

export interface MaintenanceJob {
  name: string;
  /** Minute past each hour; the order matters (drafts expire before the orphan sweep). */
  minute: number;
  run(runtime: Runtime, logger: Logger): Promise<void>;
}

export const MAINTENANCE_JOBS: MaintenanceJob[] = [
  {
    name: 'draft sweep',
    minute: 7,
    run: async (runtime, logger) => {
      const drafts = await sweepExpiredDrafts(runtime);
      if (drafts > 0) logger.info({ drafts }, 'removed expired drafts');
    },
  },
  {
    name: 'orphan file sweep',
    minute: 17,
    run: async (runtime, logger) => {
      const removed = await sweepOrphanFiles(runtime);
      if (removed.blobs + removed.staging > 0) logger.info(removed, 'removed unreferenced files');
    },
  },
  {
    // Soft-deleted enrollments are purged 30 days on, with the files nothing else needs.
    name: 'deletion purge',
    minute: 27,
    run: async (runtime, logger) => {
      const purged = await purgeExpiredDeletions(runtime);
      if (purged.enrollments > 0) logger.info(purged, 'purged enrollments deleted more than 30 days ago');
      await sweepExpiredAuth(runtime);
    },
  },
  {
    // Queues the expiry reminders due today; their dedupe keys make this exactly once per
    // document and offset however often it runs, on however many instances.
    name: 'expiry reminders',
    minute: 47,
    run: async (runtime, logger) => {
      const queued = await enqueueExpiryReminders(runtime.db.kysely, runtime.now());
      if (queued > 0) logger.info({ queued }, 'queued expiry reminders');
    },
  },
  {
    // The weekly expiry digest to the program inbox: keyed by the week in the outbox, so one
    // per week across restarts and instances; hourly runs queue it early on Monday.
    name: 'weekly expiry digest',
    minute: 52,
    run: async (runtime, logger) => {
      if (await enqueueWeeklyDigest(runtime.db.kysely, runtime.now())) logger.info('queued the weekly expiry digest');
    },
  },
  {
    // SQLite's planner needs fresh statistics as the tables grow (the list query at 100k rows
    // is ~15x slower without them); `optimize` only analyzes what has changed enough.
    name: 'query statistics',
    minute: 37,
    run: async (runtime) => {
      if (runtime.db.engine === 'sqlite') await sql.raw('pragma optimize').execute(runtime.db.kysely);
    },
  },
];

/**
 * Runs `job` if this instance claims its run (see claimScheduledRun); of several instances on
 * one database, one runs each job per schedule. Returns whether this one ran it.
 */
export async function runMaintenanceJob(
  runtime: Runtime,
  logger: Logger,
  job: Pick<MaintenanceJob, 'name' | 'run'>,
  claim: { holder: string; nextRunAt: Date | null },
): Promise<boolean> {
  const claimed = await claimScheduledRun(runtime.db, {
    job: job.name,
    holder: claim.holder,
    now: runtime.now(),
    nextRunAt: claim.nextRunAt,
  });
  if (!claimed) return false;
  await job.run(runtime, logger);
  // Names and times only: which run of the schedule this instance took.
  logger.info({ job: job.name, nextRunAt: claim.nextRunAt?.toISOString() ?? null }, 'scheduled job ran');
  return true;
}

/** Runs every maintenance job once now, then hourly; `stop()` ends the schedule. */
export async function startMaintenanceJobs(
  runtime: Runtime,
  logger: Logger,
  holder: string = newLeaseHolder(),
): Promise<{ stop(): void }> {
  const crons = MAINTENANCE_JOBS.map(
    (job) =>
      new Cron(
        `${job.minute} * * * *`,
        { protect: true, catch: (error) => logger.error({ err: error }, `${job.name} failed`) },
        async (self: Cron) => {
          await runMaintenanceJob(runtime, logger, job, { holder, nextRunAt: self.nextRun() });
        },
      ),
  );
  const stop = () => {
    for (const cron of crons) cron.stop();
  };
  try {
    for (const [i, job] of MAINTENANCE_JOBS.entries()) {
      await runMaintenanceJob(runtime, logger, job, { holder, nextRunAt: crons[i]?.nextRun() ?? null });
    }
  } catch (error) {
    stop();
    throw error;
  }
  return { stop };
}
