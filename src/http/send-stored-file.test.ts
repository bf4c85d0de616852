import { describe, expect, it } from 'vitest';
import { parseRange } from './send-stored-file.js';

describe('parseRange', () => {
  it('reads a start-end range, an open-ended one and a suffix, clamped to the file', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseRange('bytes=-10', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
  });

  it('ignores what it cannot serve as one range: none, several, malformed, past the end, reversed', () => {
    for (const header of [
      undefined,
      '',
      'bytes=0-1,5-6',
      'items=0-1',
      'bytes=-',
      'bytes=1000-',
      'bytes=5-2',
      'bytes=-0',
    ]) {
      expect(parseRange(header, 1000), String(header)).toBeUndefined();
    }
    expect(parseRange('bytes=0-0', 0)).toBeUndefined();
  });
});
