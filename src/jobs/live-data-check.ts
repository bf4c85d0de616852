import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { Logger } from 'pino';
import { checkLiveData } from '../backup/check-live-data.js';
import { isStorageKey } from '../backup/layout.js';
import {
  type LiveDataFindings,
  problemCount,
  readLiveDataFindings,
  recordLiveDataCheck,
} from '../backup/live-data-findings.js';
import { readSnapshotContents } from '../backup/snapshot-contents.js';
import type { Runtime } from '../runtime.js';
import { acquireLease } from '../storage/repositories/job-lease.repository.js';

const DAY_MS = 86_400_000;
/** Nightly, before the default backup time (03:00 UTC), so a backup follows a fresh check. */
const SCHEDULE = '20 2 * * *';
const LEASE = 'live-data-check';
/** Held past the run so that, of several instances, one checks per night. */
const LEASE_MS = 20 * 60 * 60 * 1000;

export interface SliceRun {
  slice: { index: number; of: number };
  /** Files re-hashed: this night's share plus every file a finding already names. */
  checkedFiles: number;
  findings: LiveDataFindings;
}

/**
 * Which share a stored file belongs to: storage keys are SHA-256 values, so their leading bits
 * spread the files evenly over the period's nights, with no state to keep.
 */
export function sliceOf(key: string, periodDays: number): number {
  return Number.parseInt(key.slice(0, 8), 16) % periodDays;
}

/**
 * One night's check: the database whole, then the stored files of tonight's slice (every file
 * falls in one slice of CHECK_PERIOD_DAYS, so each is re-read within the period) and every file
 * already found missing or damaged, so a repair or restore clears its finding the next night.
 */
export async function runLiveDataCheckSlice(runtime: Runtime): Promise<SliceRun> {
  const db = runtime.db.kysely;
  const periodDays = runtime.config.backup.checkPeriodDays;
  const index = Math.floor(runtime.now().getTime() / DAY_MS) % periodDays;
  const named = new Set<string>();
  try {
    for (const file of (await readSnapshotContents(db)).files) if (isStorageKey(file.key)) named.add(file.key);
  } catch {
    // A database that cannot list its files: the check below reports it.
  }
  const previous = await readLiveDataFindings(db).catch(() => undefined);
  const keys = new Set([...named].filter((key) => sliceOf(key, periodDays) === index));
  for (const finding of previous?.files ?? []) if (named.has(finding.storageKey)) keys.add(finding.storageKey);
  const report = await checkLiveData(runtime, { only: (key) => keys.has(key) });
  const findings = await recordLiveDataCheck(db, report, keys, (key) => named.has(key));
  return { slice: { index, of: periodDays }, checkedFiles: report.files.checked, findings };
}

/** Runs the slice nightly; of several instances sharing a database, one runs it per night. */
export function startLiveDataCheck(runtime: Runtime, logger: Logger): { stop(): void } {
  const holder = randomUUID();
  const cron = new Cron(
    SCHEDULE,
    { timezone: 'UTC', protect: true, catch: (error) => logger.error({ err: error }, 'live data check failed') },
    async () => {
      const now = runtime.now();
      const lease = {
        name: LEASE,
        holder,
        now: now.toISOString(),
        expiresAt: new Date(now.getTime() + LEASE_MS).toISOString(),
      };
      if (!(await acquireLease(runtime.db.kysely, lease))) return;
      const run = await runLiveDataCheckSlice(runtime);
      const problems = problemCount(run.findings);
      const summary = { slice: run.slice, checkedFiles: run.checkedFiles, problems };
      if (problems > 0) logger.warn(summary, 'live data check found problems; run `byov check` and `byov repair`');
      else logger.info(summary, 'live data check passed');
    },
  );
  return { stop: () => cron.stop() };
}
