import { describe, expect, it } from 'vitest';
import { sumByWeek, weekStartOf } from './weekly-buckets.js';

describe('weekly buckets', () => {
  it('starts weeks on Monday, UTC', () => {
    expect(weekStartOf(new Date('2026-03-11T23:59:00Z'))).toBe('2026-03-09'); // a Wednesday
    expect(weekStartOf(new Date('2026-03-09T00:00:00Z'))).toBe('2026-03-09');
    expect(weekStartOf(new Date('2026-03-08T12:00:00Z'))).toBe('2026-03-02'); // a Sunday
  });

  it('sums days into the last N weeks, oldest first, with empty weeks as 0', () => {
    const perDay = new Map([
      ['2026-03-10', 2],
      ['2026-03-15', 1],
      ['2026-03-01', 4],
      ['2026-01-01', 9],
    ]);
    expect(sumByWeek(perDay, new Date('2026-03-12T10:00:00Z'), 3)).toEqual([
      { weekStart: '2026-02-23', count: 4 },
      { weekStart: '2026-03-02', count: 0 },
      { weekStart: '2026-03-09', count: 3 },
    ]);
  });
});
