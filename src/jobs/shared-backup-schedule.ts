import type { Runtime } from '../runtime.js';
import { incrementCounter, resetCounter, takeCounter } from '../storage/repositories/schedule-counter.repository.js';
import type { SubmissionCounter } from './backup-schedule.js';
import { claimScheduledRun } from './scheduled-lease.js';

const SUBMISSIONS_COUNTER = 'backup:submissions';

/** Submissions since the last backup, counted in the database so every instance adds to one count. */
export function databaseSubmissionCounter(runtime: Pick<Runtime, 'db' | 'now'>): SubmissionCounter {
  const db = runtime.db.kysely;
  const at = () => runtime.now().toISOString();
  return {
    add: () => incrementCounter(db, SUBMISSIONS_COUNTER, at()),
    takeIfAtLeast: (n) => takeCounter(db, SUBMISSIONS_COUNTER, n, at()),
    reset: () => resetCounter(db, SUBMISSIONS_COUNTER, at()),
  };
}

/** The scheduled backup's claim: of several instances whose cron fires together, one backs up. */
export function claimScheduledBackup(runtime: Pick<Runtime, 'db' | 'now'>, holder: string) {
  return (nextRunAt: Date | null) =>
    claimScheduledRun(runtime.db, { job: 'backup', holder, now: runtime.now(), nextRunAt });
}
