/** The one clock tests move by hand; the app under test reads it as its `now`. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface ManualClock {
  now(): Date;
  advance(ms: number): void;
  advanceDays(days: number): void;
  set(at: Date): void;
}

export function manualClock(start = new Date()): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
    advanceDays(days) {
      current += days * DAY;
    },
    set(at) {
      current = at.getTime();
    },
  };
}

/** The calendar date `days` after `now` (UTC), as YYYY-MM-DD. */
export function daysFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);
}
