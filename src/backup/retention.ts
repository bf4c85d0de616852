/**
 * Which backups a retention policy keeps, following restic's `forget` rules: `keepLast` keeps the
 * n newest; `keepDaily`/`keepWeekly`/`keepMonthly` keep the newest backup of each of the last n
 * days / ISO weeks / calendar months *that have backups* (all in UTC), so a gap of days without
 * backups never empties the history. A backup kept by any rule is kept, and every kept backup
 * says which rules kept it. Pure: no clock, no file system.
 */

export type BackupKind = 'manual' | 'scheduled' | 'safety';

export interface RetentionPolicy {
  readonly keepLast: number;
  readonly keepDaily: number;
  readonly keepWeekly: number;
  readonly keepMonthly: number;
  /** Safety backups (taken before a restore or clear) are kept this many days, outside the rules above. */
  readonly safetyKeepDays: number;
}

/** The little retention needs to know about a backup. */
export interface RetentionCandidate {
  readonly name: string;
  readonly kind: BackupKind;
  readonly createdAt: Date;
  /** true: passed verification; false: failed it; null: never verified. */
  readonly verified: boolean | null;
}

export interface RetentionPlan<T extends RetentionCandidate> {
  /** Newest first; `reasons` is never empty, e.g. `["last", "daily 2026-11-24"]`. */
  readonly keep: { backup: T; reasons: string[] }[];
  /** Newest first. */
  readonly remove: { backup: T; reason: string }[];
}

export const NEWEST_VERIFIED_REASON = 'newest verified';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Decides, for each backup, whether the policy keeps it (and why) or removes it. */
export function planRetention<T extends RetentionCandidate>(
  backups: readonly T[],
  policy: RetentionPolicy,
  now: Date,
): RetentionPlan<T> {
  // A backup whose time cannot be read cannot be placed in any bucket; deleting data on the
  // strength of metadata we do not understand is the wrong way to fail, so it stays.
  const undated = backups.filter((b) => Number.isNaN(b.createdAt.getTime()));
  const ordered = backups.filter((b) => !Number.isNaN(b.createdAt.getTime())).sort(newestFirst);
  const reasons = new Map<T, string[]>();
  const keepFor = (backup: T, reason: string) => {
    const list = reasons.get(backup);
    if (list) list.push(reason);
    else reasons.set(backup, [reason]);
  };

  const rotating = ordered.filter((b) => b.kind !== 'safety');
  keepNewestPerPeriod(
    rotating,
    policy.keepLast,
    (_, index) => String(index),
    () => 'last',
    keepFor,
  );
  keepNewestPerPeriod(rotating, policy.keepDaily, utcDay, (day) => `daily ${day}`, keepFor);
  keepNewestPerPeriod(rotating, policy.keepWeekly, isoWeek, (week) => `weekly ${week}`, keepFor);
  keepNewestPerPeriod(rotating, policy.keepMonthly, utcMonth, (month) => `monthly ${month}`, keepFor);

  const safetyLimitMs = policy.safetyKeepDays * DAY_MS;
  for (const backup of ordered) {
    if (backup.kind === 'safety' && now.getTime() - backup.createdAt.getTime() < safetyLimitMs) {
      keepFor(backup, `safety, kept ${policy.safetyKeepDays} days`);
    }
  }
  // Whatever the policy says (even all zeros), the last known-good restore point survives.
  const newestVerified = ordered.find((b) => b.verified === true);
  if (newestVerified) keepFor(newestVerified, NEWEST_VERIFIED_REASON);
  for (const backup of undated) keepFor(backup, 'creation time unreadable');

  const keep: RetentionPlan<T>['keep'] = [];
  const remove: RetentionPlan<T>['remove'] = [];
  for (const backup of [...ordered, ...undated]) {
    const why = reasons.get(backup);
    if (why) keep.push({ backup, reasons: why });
    else remove.push({ backup, reason: removalReason(backup, policy) });
  }
  return { keep, remove };
}

/**
 * restic's bucket rule: walking from newest to oldest, the first backup seen in each period is
 * that period's newest; keep it until `count` periods have been used. Periods without backups
 * are never visited, which is what makes it "the last n days which have backups".
 */
function keepNewestPerPeriod<T extends RetentionCandidate>(
  newestFirstBackups: readonly T[],
  count: number,
  periodOf: (createdAt: Date, index: number) => string,
  label: (period: string) => string,
  keepFor: (backup: T, reason: string) => void,
): void {
  let remaining = count;
  let previousPeriod: string | undefined;
  for (const [index, backup] of newestFirstBackups.entries()) {
    if (remaining <= 0) return;
    const period = periodOf(backup.createdAt, index);
    if (period === previousPeriod) continue;
    keepFor(backup, label(period));
    previousPeriod = period;
    remaining--;
  }
}

function removalReason(backup: RetentionCandidate, policy: RetentionPolicy): string {
  return backup.kind === 'safety' ? `safety backup older than ${policy.safetyKeepDays} days` : 'not kept by any rule';
}

/** Newest first; equal times fall back to the name so the outcome never depends on input order. */
function newestFirst(a: RetentionCandidate, b: RetentionCandidate): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
}

/** `2026-11-24` */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `2026-11` */
export function utcMonth(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/**
 * ISO 8601 week in UTC, e.g. `2026-W48`. A week belongs to the year of its Thursday, so
 * 2021-01-03 is `2020-W53` and 2024-12-30 is `2025-W01`.
 */
export function isoWeek(date: Date): string {
  const mondayBased = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - mondayBased + 3));
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}
