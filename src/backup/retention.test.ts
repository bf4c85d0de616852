import { describe, expect, it } from 'vitest';
import {
  type BackupKind,
  isoWeek,
  NEWEST_VERIFIED_REASON,
  planRetention,
  type RetentionCandidate,
  type RetentionPolicy,
} from './retention.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const DEFAULTS: RetentionPolicy = { keepLast: 7, keepDaily: 7, keepWeekly: 4, keepMonthly: 12, safetyKeepDays: 30 };
const NOTHING: RetentionPolicy = { keepLast: 0, keepDaily: 0, keepWeekly: 0, keepMonthly: 0, safetyKeepDays: 0 };

function backup(iso: string, extra: Partial<RetentionCandidate> = {}): RetentionCandidate {
  const createdAt = new Date(iso);
  return { name: `b-${createdAt.toISOString()}`, kind: 'scheduled', createdAt, verified: true, ...extra };
}

const names = (items: readonly { backup: RetentionCandidate }[]) => items.map((i) => i.backup.name);
const keptNames = (plan: ReturnType<typeof planRetention>) => new Set(names(plan.keep));

/**
 * The expectation for "keep the newest backup of each of the `count` newest periods", computed
 * the plain way: bucket everything, take each bucket's maximum, sort the buckets, take the top.
 */
function newestOfNewestPeriods(backups: RetentionCandidate[], count: number, periodOf: (d: Date) => string | number) {
  const newestByPeriod = new Map<string | number, RetentionCandidate>();
  for (const b of backups) {
    const period = periodOf(b.createdAt);
    const current = newestByPeriod.get(period);
    if (!current || b.createdAt > current.createdAt) newestByPeriod.set(period, b);
  }
  return [...newestByPeriod.values()]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, count)
    .map((b) => b.name);
}

/** The Monday that starts a date's ISO week: a different route to the same weekly grouping. */
function mondayOf(date: Date): string {
  const daysSinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - daysSinceMonday))
    .toISOString()
    .slice(0, 10);
}

describe('planRetention over two years of hourly backups', () => {
  // 2 × 365 × 24 backups ending 2026-11-24T23:30Z; the span includes the 2025/2026 ISO-year
  // boundary and several months of different lengths.
  const count = 2 * 365 * 24;
  const last = Date.UTC(2026, 10, 24, 23, 30);
  const backups = Array.from({ length: count }, (_, i) => {
    const createdAt = new Date(last - (count - 1 - i) * HOUR);
    const kind: BackupKind = 'scheduled';
    return { name: `hourly-${String(i).padStart(5, '0')}`, kind, createdAt, verified: true };
  });
  const plan = planRetention(backups, DEFAULTS, new Date(last + HOUR));

  it('keeps exactly the union of last / daily / weekly / monthly computed independently', () => {
    const newestFirst = [...backups].reverse();
    const expected = new Set([
      ...newestFirst.slice(0, 7).map((b) => b.name),
      ...newestOfNewestPeriods(backups, 7, (d) => d.toISOString().slice(0, 10)),
      ...newestOfNewestPeriods(backups, 4, mondayOf),
      ...newestOfNewestPeriods(backups, 12, (d) => d.getUTCFullYear() * 12 + d.getUTCMonth()),
    ]);
    expect(keptNames(plan)).toEqual(expected);
    expect(plan.keep.length + plan.remove.length).toBe(count);
    // 7 last (all today) + 6 earlier days + 3 earlier weeks + 11 earlier months, minus overlaps.
    expect(plan.keep.length).toBe(expected.size);
  });

  it('records why each backup is kept', () => {
    const byName = new Map(plan.keep.map((k) => [k.backup.name, k.reasons]));
    expect(byName.get(`hourly-${count - 1}`)).toEqual([
      'last',
      'daily 2026-11-24',
      'weekly 2026-W48',
      'monthly 2026-11',
      NEWEST_VERIFIED_REASON,
    ]);
    expect(byName.get(`hourly-${count - 2}`)).toEqual(['last']);
    // The newest backup of 2026-11-23 (23:30) keeps its day; its week and month are already taken.
    expect(byName.get(`hourly-${count - 25}`)).toEqual(['daily 2026-11-23']);
    // 2026-10-31 23:30 is the newest of October.
    const october = backups.find((b) => b.createdAt.toISOString() === '2026-10-31T23:30:00.000Z');
    expect(byName.get(october?.name ?? '')).toEqual(['monthly 2026-10']);
    for (const removed of plan.remove) expect(removed.reason).toBe('not kept by any rule');
  });

  it('returns both lists newest first', () => {
    const times = (items: readonly { backup: RetentionCandidate }[]) => items.map((i) => i.backup.createdAt.getTime());
    expect(times(plan.keep)).toEqual([...times(plan.keep)].sort((a, b) => b - a));
    expect(times(plan.remove)).toEqual([...times(plan.remove)].sort((a, b) => b - a));
  });
});

describe('planRetention rules', () => {
  it('counts only days that have backups (a gap does not empty the daily history)', () => {
    const days = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-14', '2026-11-15'];
    const backups = days.flatMap((day) => [backup(`${day}T01:00Z`), backup(`${day}T13:00Z`)]);
    const plan = planRetention(backups, { ...NOTHING, keepDaily: 4 }, new Date('2026-11-16T00:00Z'));
    expect(names(plan.keep)).toEqual(
      ['2026-11-15', '2026-11-14', '2026-11-03', '2026-11-02'].map((d) => `b-${d}T13:00:00.000Z`),
    );
    expect(plan.keep.map((k) => k.reasons[0])).toEqual([
      'daily 2026-11-15',
      'daily 2026-11-14',
      'daily 2026-11-03',
      'daily 2026-11-02',
    ]);
  });

  it('never removes the newest verified backup, even with an all-zero policy', () => {
    const backups = [
      backup('2026-11-24T03:00Z', { verified: false }),
      backup('2026-11-23T03:00Z', { verified: null }),
      backup('2026-11-22T03:00Z', { verified: true }),
      backup('2026-11-21T03:00Z', { verified: true }),
    ];
    const plan = planRetention(backups, NOTHING, new Date('2026-11-25T00:00Z'));
    expect(plan.keep).toEqual([{ backup: backups[2], reasons: [NEWEST_VERIFIED_REASON] }]);
    expect(names(plan.remove)).toEqual([backups[0], backups[1], backups[3]].map((b) => b?.name));
  });

  it('subjects unverified and failed backups to the policy like any other', () => {
    const backups = [backup('2026-11-24T03:00Z', { verified: false }), backup('2026-11-23T03:00Z')];
    const plan = planRetention(backups, { ...NOTHING, keepLast: 1 }, new Date('2026-11-25T00:00Z'));
    expect(plan.keep.map((k) => [k.backup.name, k.reasons])).toEqual([
      [backups[0]?.name, ['last']],
      [backups[1]?.name, [NEWEST_VERIFIED_REASON]],
    ]);
  });

  it('keeps safety backups for safetyKeepDays, outside the GFS buckets', () => {
    const now = new Date('2026-11-24T12:00Z');
    const young = backup(new Date(now.getTime() - 29 * DAY).toISOString(), {
      name: 'before_restore_young',
      kind: 'safety',
      verified: false,
    });
    const old = backup(new Date(now.getTime() - 31 * DAY).toISOString(), {
      name: 'before_clear_old',
      kind: 'safety',
      verified: false,
    });
    const scheduled = backup('2026-11-24T03:00Z');
    const plan = planRetention([old, scheduled, young], { ...DEFAULTS, safetyKeepDays: 30 }, now);
    expect(plan.keep.map((k) => [k.backup.name, k.reasons])).toEqual([
      [scheduled.name, ['last', 'daily 2026-11-24', 'weekly 2026-W48', 'monthly 2026-11', NEWEST_VERIFIED_REASON]],
      ['before_restore_young', ['safety, kept 30 days']],
    ]);
    expect(plan.remove).toEqual([{ backup: old, reason: 'safety backup older than 30 days' }]);
  });

  it('does not let safety backups use up keep-last slots', () => {
    const safety = backup('2026-11-24T05:00Z', { name: 'before_restore_x', kind: 'safety' });
    const scheduled = backup('2026-11-24T03:00Z');
    const plan = planRetention([safety, scheduled], { ...NOTHING, keepLast: 1 }, new Date('2026-11-24T06:00Z'));
    expect(plan.keep.find((k) => k.backup === scheduled)?.reasons).toEqual(['last']);
  });

  it('is deterministic: equal times are ordered by name, whatever the input order', () => {
    const at = '2026-11-24T03:00Z';
    const backups = ['c', 'a', 'b'].map((name) => backup(at, { name, verified: null }));
    const policy = { ...NOTHING, keepLast: 1, keepDaily: 1 };
    const now = new Date('2026-11-25T00:00Z');
    const first = planRetention(backups, policy, now);
    const reversed = planRetention([...backups].reverse(), policy, now);
    expect(names(first.keep)).toEqual(['c']);
    expect(first.keep[0]?.reasons).toEqual(['last', 'daily 2026-11-24']);
    expect(names(reversed.keep)).toEqual(names(first.keep));
    expect(names(reversed.remove)).toEqual(['b', 'a']);
  });

  it('keeps a backup whose creation time cannot be read rather than guess', () => {
    const broken = backup('2026-11-24T03:00Z', { name: 'broken', createdAt: new Date(Number.NaN) });
    const plan = planRetention([broken], NOTHING, new Date('2026-11-25T00:00Z'));
    expect(plan.keep).toEqual([{ backup: broken, reasons: ['creation time unreadable'] }]);
  });
});

describe('isoWeek', () => {
  it.each([
    ['2026-11-24T12:00Z', '2026-W48'],
    ['2021-01-03T23:59Z', '2020-W53'],
    ['2021-01-04T00:00Z', '2021-W01'],
    ['2024-12-30T00:00Z', '2025-W01'],
    ['2027-01-01T00:00Z', '2026-W53'],
  ])('%s is in %s (UTC)', (iso, week) => {
    expect(isoWeek(new Date(iso))).toBe(week);
  });
});
