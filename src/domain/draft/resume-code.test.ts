import { describe, expect, it } from 'vitest';
import { formatResumeCode, hashResumeCode, newResumeCode, parseResumeCode } from './resume-code.js';

describe('resume codes', () => {
  it('are 10 characters of Crockford base32, shown with a dash in the middle', () => {
    const codes = new Set(Array.from({ length: 2000 }, newResumeCode));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{10}$/);
    expect(formatResumeCode('ABCDE12345')).toBe('ABCDE-12345');
  });

  it.each([
    ['ABCDE-FGHJK', 'ABCDEFGHJK'],
    ['abcde-fghjk', 'ABCDEFGHJK'],
    ['abcdefghjk', 'ABCDEFGHJK'],
    [' ABCDE FGHJK ', 'ABCDEFGHJK'],
    ['OOOOO-IIIII', '0000011111'],
    ['lllll-00000', '1111100000'],
  ])('reads %j as %s', (typed, canonical) => {
    expect(parseResumeCode(typed)).toBe(canonical);
  });

  it.each(['ABCDE-FGHJ', 'ABCDE-FGHJKM', 'ABCDE-FGHJU', 'ABCDE_FGHJK', '', '../../etc/passwd', 'x'.repeat(100)])(
    'refuses %j',
    (typed) => {
      expect(parseResumeCode(typed)).toBeUndefined();
    },
  );

  it('hashes the canonical code, so every spelling finds the same draft', () => {
    const a = parseResumeCode('abcde-fghjk') as string;
    const b = parseResumeCode('ABCDEFGHJK') as string;
    expect(hashResumeCode(a)).toBe(hashResumeCode(b));
    expect(hashResumeCode(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});
