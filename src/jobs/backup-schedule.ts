import { Cron } from 'croner';
import type { Logger } from 'pino';
import { type Config, ConfigError } from '../config.js';
import type { ByovCommandResult, ByovRunner } from '../domain/admin/backups/byov-runner.js';

/** What a background job reports: success or not, plus a few fields safe to log (no personal data). */
export interface JobOutcome {
  readonly ok: boolean;
  readonly summary: Record<string, unknown>;
}

/** A backup or prune run; it should stop promptly when `signal` aborts (server shutdown). */
export type BackgroundJob = (signal: AbortSignal) => Promise<JobOutcome>;

export interface BackupScheduleOptions {
  readonly config: Pick<Config['backup'], 'schedule' | 'afterSubmissions'>;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly runBackup: BackgroundJob;
  /** Applies retention; only run after a backup that succeeded. */
  readonly runPrune: BackgroundJob;
  /** After the Nth submission, wait this long without submissions so a burst gives one backup. */
  readonly quietPeriodMs?: number;
  /** A steady stream of submissions never goes quiet; this caps how long the backup waits. */
  readonly maxDelayMs?: number;
  readonly now?: () => number;
  /**
   * Where submissions since the last backup are counted. Instances sharing a database count into
   * one row (see scheduleCounter), so N submissions across the cluster give one backup.
   */
  readonly counter?: SubmissionCounter;
  /** Claims a scheduled run; of several instances, one gets it (see claimScheduledRun). */
  readonly claimScheduledRun?: (nextRunAt: Date | null) => Promise<boolean>;
  /** Told of each backup that failed (not one stopped by shutdown), after it is logged. */
  readonly onBackupFailed?: (failure: { trigger: string; summary: Record<string, unknown> }) => Promise<void>;
}

export interface SubmissionCounter {
  /** Counts one submission; resolves to the count since the last backup. */
  add(): Promise<number>;
  /** Resets the count to 0 if it is at least `n`; true for the one caller that did. */
  takeIfAtLeast(n: number): Promise<boolean>;
  reset(): Promise<void>;
}

/** The count for a single instance (and for tests): kept in this process. */
export function inMemoryCounter(): SubmissionCounter {
  let count = 0;
  return {
    add: async () => ++count,
    takeIfAtLeast: async (n) => {
      if (count < n) return false;
      count = 0;
      return true;
    },
    reset: async () => {
      count = 0;
    },
  };
}

export interface BackupSchedule {
  onEnrollmentSubmitted(): Promise<void>;
  /** Stops the timer and the cron job, interrupts a running backup, and waits for it to end. */
  stop(): Promise<void>;
}

type Trigger = 'schedule' | 'submissions';

const DEFAULT_QUIET_PERIOD_MS = 30_000;

/**
 * Checks a cron expression once, at start-up, so a typo fails the server with a readable
 * message instead of silently never backing up.
 */
export function validateBackupSchedule(pattern: string): void {
  let nextRun: Date | null;
  try {
    const probe = new Cron(pattern, { paused: true, timezone: 'UTC' });
    nextRun = probe.nextRun();
    probe.stop();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([
      `BACKUP_SCHEDULE: "${pattern}" is not a valid cron expression (${reason}). ` +
        'Example: "0 3 * * *" backs up every day at 03:00 UTC.',
    ]);
  }
  if (nextRun === null) throw new ConfigError([`BACKUP_SCHEDULE: "${pattern}" never matches a date.`]);
}

/**
 * Takes backups on the cron schedule (UTC) and, optionally, after every N submissions (debounced).
 * Never runs two at once: a request during a run is remembered and served once afterwards, so
 * any number of requests during one run gives exactly one more backup.
 */
export function startBackupSchedule(options: BackupScheduleOptions): BackupSchedule {
  const { config, logger } = options;
  validateBackupSchedule(config.schedule);
  const quietMs = options.quietPeriodMs ?? DEFAULT_QUIET_PERIOD_MS;
  const maxDelayMs = options.maxDelayMs ?? 10 * quietMs;
  const now = options.now ?? Date.now;
  const counter = options.counter ?? inMemoryCounter();
  const claim = options.claimScheduledRun ?? (async () => true);
  const shutdown = new AbortController();
  let running: Promise<void> | undefined;
  let wanted: Trigger | undefined;
  let firstDueAt: number | undefined;
  let quietTimer: NodeJS.Timeout | undefined;
  const countingFailed = (error: unknown) => logger.error({ err: error }, 'could not count submissions for backups');

  // Everything submitted before a backup starts is in it, so the count starts over.
  const forgetSubmissions = async () => {
    firstDueAt = undefined;
    clearTimeout(quietTimer);
    await counter.reset().catch(countingFailed);
  };

  const drain = async (first: Trigger) => {
    let trigger: Trigger | undefined = first;
    try {
      while (trigger && !shutdown.signal.aborted) {
        wanted = undefined;
        await forgetSubmissions();
        await backupThenPrune(trigger, options, shutdown.signal);
        trigger = wanted;
      }
    } finally {
      // Cleared in the same step as the last look at `wanted`, so no request falls in between.
      running = undefined;
    }
  };

  const request = (trigger: Trigger) => {
    if (shutdown.signal.aborted) return;
    if (running) wanted = trigger;
    else running = drain(trigger);
  };

  const cron = new Cron(config.schedule, { timezone: 'UTC' }, async (self: Cron) => {
    const claimed = await claim(self.nextRun()).catch((error) => {
      logger.error({ err: error }, 'could not claim the scheduled backup');
      return false;
    });
    if (claimed) request('schedule');
  });
  // After the quiet period: the instance that takes the count backs up, the others find it gone.
  const backUpIfStillDue = async () => {
    if (await counter.takeIfAtLeast(config.afterSubmissions).catch(countingFailed)) request('submissions');
  };
  logger.info(
    { schedule: config.schedule, afterSubmissions: config.afterSubmissions, nextRun: cron.nextRun()?.toISOString() },
    'backup schedule started',
  );

  return {
    async onEnrollmentSubmitted() {
      if (config.afterSubmissions <= 0 || shutdown.signal.aborted) return;
      const submissions = await counter.add().catch(countingFailed);
      if (submissions === undefined || submissions < config.afterSubmissions || shutdown.signal.aborted) return;
      firstDueAt ??= now();
      clearTimeout(quietTimer);
      const delay = Math.max(0, Math.min(quietMs, firstDueAt + maxDelayMs - now()));
      quietTimer = setTimeout(() => void backUpIfStillDue(), delay);
    },
    async stop() {
      shutdown.abort();
      cron.stop();
      clearTimeout(quietTimer);
      await running;
    },
  };
}

/** One round: back up, then prune — but a failed backup never rotates older good ones out. */
async function backupThenPrune(trigger: Trigger, options: BackupScheduleOptions, signal: AbortSignal): Promise<void> {
  const { logger } = options;
  const backup = await settle(() => options.runBackup(signal));
  if (signal.aborted) {
    logger.warn({ trigger }, 'backup interrupted by shutdown');
    return;
  }
  if (!backup.ok) {
    logger.error({ trigger, ...backup.summary }, 'scheduled backup failed');
    await options
      .onBackupFailed?.({ trigger, summary: backup.summary })
      .catch((error) => logger.error({ err: error }, 'could not report the failed backup'));
    return;
  }
  logger.info({ trigger, ...backup.summary }, 'scheduled backup finished');
  const prune = await settle(() => options.runPrune(signal));
  if (prune.ok) logger.info(prune.summary, 'old backups pruned');
  else if (!signal.aborted) logger.error(prune.summary, 'pruning old backups failed');
}

/** A job that throws is reported like one that failed: the schedule itself must keep going. */
async function settle(job: () => Promise<JobOutcome>): Promise<JobOutcome> {
  try {
    return await job();
  } catch (error) {
    return { ok: false, summary: { error: error instanceof Error ? error.message : String(error) } };
  }
}

/** Names, counts and sizes only: nothing from the enrollments themselves reaches the log. */
const LOGGED_BACKUP_FIELDS = ['name', 'verifiedAt', 'files', 'newFiles', 'totalFileBytes', 'snapshotBytes'];

/** `byov backup --kind scheduled` in a child process, so the copy never stalls the server's event loop. */
export const backupInChildProcess =
  (runByov: ByovRunner): BackgroundJob =>
  async (signal) => {
    const result = await runByov(['backup', '--json', '--kind', 'scheduled'], signal);
    return outcome(result, pick(asRecord(result.json), LOGGED_BACKUP_FIELDS));
  };

/** `byov prune` in a child process; the summary holds counts only. */
export const pruneInChildProcess =
  (runByov: ByovRunner): BackgroundJob =>
  async (signal) => {
    const result = await runByov(['prune', '--json'], signal);
    const report = asRecord(result.json);
    const count = (value: unknown) => (Array.isArray(value) ? value.length : undefined);
    return outcome(result, {
      kept: count(report.kept),
      removed: count(report.removed),
      blobsRemoved: count(asRecord(report.blobs).removed),
      bytesFreed: report.bytesFreed,
    });
  };

function outcome(result: ByovCommandResult, summary: Record<string, unknown>): JobOutcome {
  if (result.exitCode === 0) return { ok: true, summary };
  const error = asRecord(asRecord(result.json).error);
  return {
    ok: false,
    summary: {
      exitCode: result.exitCode,
      ...(error.code === undefined ? { stderr: result.stderrTail.trim() } : pick(error, ['code', 'message'])),
    },
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}
