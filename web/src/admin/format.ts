/** How values are shown: dates in the admin's own time zone, calendar dates as written. */

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const CALENDAR_DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** An instant (ISO with time) in local time: "Mar 3, 2026, 4:05 PM". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date);
}

/** A calendar date (YYYY-MM-DD, no time zone): shown as that same day everywhere. */
export function formatCalendarDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : CALENDAR_DATE.format(date);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** "1 minute", "5.2 hours", "3 days": the age of a backup. */
export function formatAge(hours: number): string {
  if (hours < 1) return countOf(Math.max(1, Math.round(hours * 60)), 'minute');
  if (hours < 48) return countOf(Math.round(hours * 10) / 10, 'hour');
  return countOf(Math.round(hours / 24), 'day');
}

function countOf(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * Messages shared with the CLI name commands between backticks (`byov backup`); on a page
 * those become code, never literal backticks. Odd parts are the code.
 */
export function splitCode(text: string): string[] {
  const parts = text.split('`');
  // An unpaired backtick is kept as text rather than opening code that never closes.
  return parts.length % 2 === 1 ? parts : [text];
}

/** Any field value as text: lists joined, booleans as yes/no, missing as an empty string. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
