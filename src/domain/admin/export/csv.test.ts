import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.js';

describe('csv', () => {
  it('quotes every cell and doubles quotes inside', () => {
    expect(csvLine(['Ada "The Countess" Lovelace', 'a,b', 'line\nbreak', 42, null])).toBe(
      '"Ada ""The Countess"" Lovelace","a,b","line\nbreak","42",""\r\n',
    );
  });

  it('neutralises cells Excel would run as formulas', () => {
    for (const dangerous of ['=HYPERLINK("http://x")', '+1 (312) 555-0100', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(csvCell(dangerous).startsWith(`"'`), JSON.stringify(dangerous)).toBe(true);
    }
    expect(csvCell('Łukasz Nuñez')).toBe('"Łukasz Nuñez"');
    expect(csvCell('2026-01-31')).toBe('"2026-01-31"');
  });
});
