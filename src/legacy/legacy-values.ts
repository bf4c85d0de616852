import type { LegacyValue } from './legacy-dataset.js';

/** A stored value as trimmed text; null for null, blank or a structured value. */
export function text(value: LegacyValue): string | null {
  if (value === null || typeof value === 'object') return null;
  const trimmed = String(value).trim();
  return trimmed === '' ? null : trimmed;
}

/** `app_settings.setting_value` is JSON text in SQLite and JSONB (already parsed) in a JSON backup. */
export function parseSettingValue(value: LegacyValue | undefined): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * Industries in either stored form: a JSON array (TEXT in SQLite, JSONB in PostgreSQL), a JSON
 * string holding one, or a plain comma list; both columns merged, first seen first.
 */
export function parseIndustries(...values: LegacyValue[]): string[] {
  const found: string[] = [];
  for (const value of values) {
    for (const item of industryItems(value)) {
      const name = item.trim();
      if (name !== '' && !found.includes(name)) found.push(name);
    }
  }
  return found;
}

function industryItems(value: LegacyValue): string[] {
  if (Array.isArray(value)) return value.map((item) => String(item ?? ''));
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('"')) {
    try {
      return industryItems(JSON.parse(trimmed) as LegacyValue);
    } catch {
      // Not JSON after all: read it as a list below.
    }
  }
  return trimmed.split(',');
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export interface ConvertedTime {
  /** UTC ISO-8601. */
  utc: string;
  /** How the stored value was read: a wall-clock time in the chosen zone, or an instant with its own offset. */
  basis: 'wall-clock' | 'offset';
}

/**
 * The earlier version wrote naive local times (`datetime.now()`); its PostgreSQL mode put them
 * in TIMESTAMPTZ columns, which read back labelled with the session's zone, usually UTC. So a
 * time without an offset, or labelled UTC, is taken as a wall-clock time in `timeZone`; a time
 * with any other offset was placed by PostgreSQL itself and is kept as that instant.
 */
export function convertLegacyTime(value: LegacyValue, timeZone: string): ConvertedTime | undefined {
  const raw = text(value);
  if (raw === null) return undefined;
  const m = TIMESTAMP.exec(raw);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  const millis = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(year as number, (month as number) - 1, day, hour, minute, second, millis);
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== day) return undefined;
  const offset = m[8] ? offsetMinutes(m[8]) : 0;
  if (offset !== 0) return { utc: new Date(wall - offset * 60_000).toISOString(), basis: 'offset' };
  return { utc: new Date(zonedWallClockToEpoch(wall, timeZone)).toISOString(), basis: 'wall-clock' };
}

function offsetMinutes(designator: string): number {
  if (designator.toUpperCase() === 'Z') return 0;
  const sign = designator.startsWith('-') ? -1 : 1;
  const digits = designator.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

/**
 * The instant at which clocks in `timeZone` show `wall` (given as if it were UTC). Two passes
 * settle the offset around a DST change; a time skipped by the change lands an hour later.
 */
function zonedWallClockToEpoch(wall: number, timeZone: string): number {
  let guess = wall - zoneOffsetMs(wall, timeZone);
  guess = wall - zoneOffsetMs(guess, timeZone);
  return guess;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneOffsetMs(epoch: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(epoch))) parts[part.type] = Number(part.value);
  const field = (name: string) => parts[name] ?? 0;
  const asUtc = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return asUtc - (epoch - (((epoch % 1000) + 1000) % 1000));
}

/** True when `timeZone` is an IANA zone name this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
