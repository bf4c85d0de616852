import type { Db } from '../storage/db.js';
import { acquireLease, breakLeasesStartingWith } from '../storage/repositories/job-lease.repository.js';

const PREFIX = 'schedule:';

/**
 * A SQLite server holds the data folder's lock, so a schedule lease found at its start can only
 * be from a process that died: waiting for it to lapse would only skip runs (the start-up sweep
 * after a crash among them). On PostgreSQL other instances may hold them, so they stay.
 */
export async function forgetDeadScheduleLeases(db: Db): Promise<void> {
  if (db.engine === 'sqlite') await breakLeasesStartingWith(db.kysely, PREFIX);
}

/** Without a known next run (a one-off), the lease is kept this long. */
const DEFAULT_HOLD_MS = 60 * 60_000;
/** Shortest hold: long enough to cover instances whose clocks or timers differ by seconds. */
const MIN_HOLD_MS = 30_000;

/**
 * Claims this schedule's run of `job` for `holder`. Every instance's timer fires at (about) the
 * same moment; the first to claim runs the job and the others find the lease taken. The lease is
 * kept for nine tenths of the time to the next run, which covers timers firing seconds apart,
 * and then lapses: the next run goes to whichever instance claims first, so when the holder has
 * crashed (mid-run or not) the job is taken over at its next run after the lease ends.
 */
export function claimScheduledRun(
  db: Db,
  claim: { job: string; holder: string; now: Date; nextRunAt: Date | null | undefined },
): Promise<boolean> {
  const now = claim.now.getTime();
  const untilNext = claim.nextRunAt ? claim.nextRunAt.getTime() - now : DEFAULT_HOLD_MS;
  const holdMs = Math.max(MIN_HOLD_MS, Math.floor(untilNext * 0.9));
  return acquireLease(db.kysely, {
    name: `${PREFIX}${claim.job}`,
    holder: claim.holder,
    now: claim.now.toISOString(),
    expiresAt: new Date(now + holdMs).toISOString(),
  });
}
