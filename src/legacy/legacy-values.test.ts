import { describe, expect, it } from 'vitest';
import { convertLegacyTime, isKnownTimeZone, parseIndustries } from './legacy-values.js';

describe('earlier timestamps', () => {
  it('reads naive local times in the chosen zone, across daylight saving time', () => {
    expect(convertLegacyTime('2025-07-01T12:00:00.123456', 'America/Chicago')).toEqual({
      utc: '2025-07-01T17:00:00.123Z',
      basis: 'wall-clock',
    });
    expect(convertLegacyTime('2025-12-01 12:00:00', 'America/Chicago')?.utc).toBe('2025-12-01T18:00:00.000Z');
    expect(convertLegacyTime('2025-12-01 12:00:00', 'UTC')?.utc).toBe('2025-12-01T12:00:00.000Z');
    expect(convertLegacyTime('2025-12-01', 'Asia/Tokyo')?.utc).toBe('2025-11-30T15:00:00.000Z');
  });

  it('takes UTC-labelled PostgreSQL values as wall-clock times and keeps any other offset', () => {
    expect(convertLegacyTime('2025-12-02 23:47:43.72+00:00', 'America/Chicago')).toEqual({
      utc: '2025-12-03T05:47:43.720Z',
      basis: 'wall-clock',
    });
    expect(convertLegacyTime('2025-12-02T23:47:43-06:00', 'UTC')).toEqual({
      utc: '2025-12-03T05:47:43.000Z',
      basis: 'offset',
    });
  });

  it('returns nothing for what is not a time', () => {
    for (const value of [null, '', 'yesterday', '2025-02-30 10:00:00', 42, ['2025-01-01']]) {
      expect(convertLegacyTime(value as never, 'UTC')).toBeUndefined();
    }
  });

  it('knows IANA zones and refuses made-up ones', () => {
    expect(isKnownTimeZone('America/Chicago')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('earlier industries', () => {
  it('reads both stored forms, merged without repeats', () => {
    expect(parseIndustries('["HVAC", "Ref"]', ['Ref', 'Cook'])).toEqual(['HVAC', 'Ref', 'Cook']);
    expect(parseIndustries('"[\\"Dish\\"]"', null)).toEqual(['Dish']);
    expect(parseIndustries('Laundry, L&G', '')).toEqual(['Laundry', 'L&G']);
    expect(parseIndustries(null, '[]')).toEqual([]);
  });
});
