import { describe, expect, it } from 'vitest';
import { formatAge, splitCode } from './format.js';

describe('admin formatting', () => {
  it('says "1 minute", "1 hour" and "1 day", plural only above one', () => {
    expect(formatAge(1 / 60)).toBe('1 minute');
    expect(formatAge(0.5)).toBe('30 minutes');
    expect(formatAge(1)).toBe('1 hour');
    expect(formatAge(5.24)).toBe('5.2 hours');
    expect(formatAge(72)).toBe('3 days');
  });

  it('turns command names between backticks into code parts, leaving no backtick behind', () => {
    expect(splitCode('Run `byov backup` and check the schedule.')).toEqual([
      'Run ',
      'byov backup',
      ' and check the schedule.',
    ]);
    expect(splitCode('no code here')).toEqual(['no code here']);
    expect(splitCode('an unpaired ` stays')).toEqual(['an unpaired ` stays']);
  });
});
