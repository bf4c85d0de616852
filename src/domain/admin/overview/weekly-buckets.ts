import { addDays, calendarDate } from '../compliance.js';

/** The Monday (UTC) starting the ISO week of `instant`, as YYYY-MM-DD. */
export function weekStartOf(instant: Date): string {
  const date = calendarDate(instant);
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(date, -weekday);
}

/**
 * Sums daily counts into the last `weeks` ISO weeks, oldest first, the current week included;
 * weeks without submissions are listed with 0 so a chart has no gaps. Done here rather than in
 * SQL because week arithmetic differs between SQLite and PostgreSQL.
 */
export function sumByWeek(perDay: ReadonlyMap<string, number>, now: Date, weeks: number) {
  const current = weekStartOf(now);
  const starts = Array.from({ length: weeks }, (_, i) => addDays(current, -7 * (weeks - 1 - i)));
  return starts.map((weekStart) => {
    let count = 0;
    for (let d = 0; d < 7; d++) count += perDay.get(addDays(weekStart, d)) ?? 0;
    return { weekStart, count };
  });
}
