import { describe, expect, it } from 'vitest';
import { checkVin, computeCheckDigit, likelyModelYear, modelYearsForVin, normalizeVin } from './vin.js';

/**
 * Real-world VIN patterns. The first four are widely published examples; the rest follow real
 * manufacturer patterns with their check digit worked out by hand from the standard table.
 */
const VALID_VINS = [
  '1HGCM82633A004352', // 2003 Honda Accord
  '1M8GDM9AXKP042788', // 1989 Motor Coach Industries coach, check digit X
  'JH4KA7561PC008269', // 1993 Acura Legend
  '3VWFE21C04M000001', // 2004 Volkswagen Jetta
  '5YJ3E1EA2KF317000', // 2019 Tesla Model 3
  '1FTFW1ET9DFC10312', // 2013 Ford F-150
  '2HGFC2F51JH542111', // 2018 Honda Civic
  '1G1ZT51876F100000', // 2006 Chevrolet Malibu
  'JTDKN3DU6A0000000', // 2010 Toyota Prius
  '4T1BF1FK0CU123456', // 2012 Toyota Camry
  '1C4RJFAG0FC625797', // 2015 Jeep Grand Cherokee
] as const;

function problemOf(vin: string): string {
  const result = checkVin(vin);
  if (result.ok) throw new Error('expected the VIN to be rejected');
  return result.problem;
}

describe('normalizeVin', () => {
  it('trims and upper-cases but keeps inner characters', () => {
    expect(normalizeVin('  1hgcm82633a004352\n')).toBe('1HGCM82633A004352');
    expect(normalizeVin('1HG-CM8')).toBe('1HG-CM8');
  });
});

describe('checkVin accepts', () => {
  it.each(VALID_VINS)('%s', (vin) => {
    expect(checkVin(vin)).toEqual({ ok: true });
  });

  it('lower-case input with surrounding spaces', () => {
    expect(checkVin('  1hgcm82633a004352  ')).toEqual({ ok: true });
  });
});

describe('checkVin rejects', () => {
  it('a VIN one character short, saying how many it has', () => {
    const vin = '1HGCM82633A00435';
    const problem = problemOf(vin);
    expect(problem).toBe('A VIN has 17 characters; this one has 16.');
    expect(problem).not.toContain(vin);
  });

  it('a VIN one character long', () => {
    const vin = '1HGCM82633A0043521';
    const problem = problemOf(vin);
    expect(problem).toContain('this one has 18');
    expect(problem).not.toContain(vin);
  });

  it('the letter O, explaining why', () => {
    const vin = '1HGCM82633A0O4352';
    const problem = problemOf(vin);
    expect(problem).toContain('the letter O');
    expect(problem).toMatch(/never used in VINs because they look like 1 and 0/);
    expect(problem).not.toContain(vin);
  });

  it('several forbidden letters, naming each', () => {
    const problem = problemOf('IHGCM82633A0O435Q');
    expect(problem).toContain('the letters I, O, Q');
  });

  it('punctuation and inner spaces', () => {
    const dashed = '1HGCM8263-3A00435';
    expect(problemOf(dashed)).toContain('only letters and digits');
    expect(problemOf(dashed)).toContain('"-"');
    expect(problemOf(dashed)).not.toContain(dashed);
    expect(problemOf('1HGCM8263 3A00435')).toContain('a space');
  });

  it('a mistyped character, through the check digit', () => {
    const mistyped = '1HGCN82633A004352'; // M → N in position 5
    const problem = problemOf(mistyped);
    expect(problem).toMatch(/^The check digit \(9th character\) should be \w but is 3/);
    expect(problem).toContain('mistyped');
    expect(problem).not.toContain(mistyped);
  });

  it('a wrong check digit itself', () => {
    expect(problemOf('1HGCM82653A004352')).toContain('should be 3 but is 5');
  });

  it('an X where a digit is expected and vice versa', () => {
    expect(problemOf('1M8GDM9A0KP042788')).toContain('should be X but is 0');
    expect(problemOf('1HGCM826X3A004352')).toContain('should be 3 but is X');
  });
});

describe('computeCheckDigit', () => {
  it('returns X when the remainder is 10', () => {
    expect(computeCheckDigit('1M8GDM9AXKP042788')).toBe('X');
  });

  it('ignores the current 9th character', () => {
    expect(computeCheckDigit('1HGCM82603A004352')).toBe('3');
    expect(computeCheckDigit('1hgcm82603a004352')).toBe('3');
  });

  it('refuses input that is not a well-formed VIN', () => {
    expect(() => computeCheckDigit('1HGCM')).toThrow(/17 characters/);
    expect(() => computeCheckDigit('1HGCM82603A0O4352')).toThrow(/Position 13/);
  });
});

describe('modelYearsForVin', () => {
  it.each([
    ['1HGCM82633A004352', [2003, 2033]],
    ['JTDKN3DU6A0000000', [1980, 2010]],
    ['11111111111111111', [2001, 2031]],
    ['1M8GDM9AXKP042788', [1989, 2019]],
    ['1HGCM8263YA004352', [2000, 2030]],
    ['1HGCM82639A004352', [2009, 2039]],
  ])('%s → %j', (vin, years) => {
    expect(modelYearsForVin(vin)).toEqual(years);
  });

  it.each(['U', 'Z', '0', 'I', 'O', 'Q'])('treats %s as no year code', (code) => {
    expect(modelYearsForVin(`1HGCM8263${code}A004352`)).toEqual([]);
  });

  it('is empty for a VIN too short to have a 10th character', () => {
    expect(modelYearsForVin('1HGCM8263')).toEqual([]);
  });
});

describe('likelyModelYear', () => {
  it('picks the earlier cycle when position 7 is a digit', () => {
    expect(likelyModelYear('1HGCM82633A004352')).toBe(2003);
    expect(likelyModelYear('1M8GDM9AXKP042788')).toBe(1989);
  });

  it('picks the later cycle when position 7 is a letter', () => {
    expect(likelyModelYear('5YJ3E1EA2KF317000')).toBe(2019);
    expect(likelyModelYear('JTDKN3DU6A0000000')).toBe(2010);
  });

  it('is undefined without a year code', () => {
    expect(likelyModelYear('1HGCM8263UA004352')).toBeUndefined();
  });
});
