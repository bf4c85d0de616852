import { describe, expect, it } from 'vitest';
import { enrollmentSearchText, foldForSearch } from './search-text.js';

describe('foldForSearch', () => {
  it('folds case and accents, including letters Unicode does not decompose', () => {
    expect(foldForSearch('ŁUKASZ Nuñez')).toBe('lukasz nunez');
    expect(foldForSearch('Nguyễn Văn An')).toBe('nguyen van an');
    expect(foldForSearch('Зоя Петрова')).toBe('зоя петрова');
    expect(foldForSearch('Søren Straße')).toBe('soren strasse');
  });

  it('makes a folded term a substring of the folded text', () => {
    const text = enrollmentSearchText({ full_name: 'Łukasz Nuñez', tech_id: 'TX-1001', vin: '1HGCM82633A004352' });
    for (const term of ['łukasz', 'LUKASZ', 'nunez', 'tx-1001', '82633a']) expect(text).toContain(foldForSearch(term));
  });
});
