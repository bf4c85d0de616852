import { describe, expect, it } from 'vitest';
import { normalizeState, stateName, US_STATES } from './us-states.js';

describe('US_STATES', () => {
  it('lists the 50 states and DC, once each', () => {
    expect(US_STATES).toHaveLength(51);
    expect(new Set(US_STATES.map((state) => state.code)).size).toBe(51);
    expect(US_STATES.every((state) => /^[A-Z]{2}$/.test(state.code))).toBe(true);
  });

  it('is in alphabetical order by name', () => {
    const names = US_STATES.map((state) => state.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('includes DC by its full name', () => {
    expect(US_STATES).toContainEqual({ code: 'DC', name: 'District of Columbia' });
  });
});

describe('normalizeState', () => {
  it.each([
    ['CA', 'CA'],
    ['ca', 'CA'],
    [' tx ', 'TX'],
    ['New York', 'NY'],
    ['new  york', 'NY'],
    ['NORTH CAROLINA', 'NC'],
    ['District of Columbia', 'DC'],
    ['district  of columbia', 'DC'],
    ['washington dc', 'DC'],
    ['Washington, D.C.', 'DC'],
    ['D.C.', 'DC'],
    ['Washington', 'WA'],
  ])('%j → %s', (input, code) => {
    expect(normalizeState(input)).toBe(code);
  });

  it.each(['PR', 'Puerto Rico', 'GU', 'Guam', 'VI', 'XX', '', 'New', 'Yorkshire'])('rejects %j', (input) => {
    expect(normalizeState(input)).toBeUndefined();
  });

  it('maps every listed name and code back to its code', () => {
    for (const state of US_STATES) {
      expect(normalizeState(state.name)).toBe(state.code);
      expect(normalizeState(state.code.toLowerCase())).toBe(state.code);
    }
  });
});

describe('stateName', () => {
  it('names a state from its code in any case', () => {
    expect(stateName('NY')).toBe('New York');
    expect(stateName('dc')).toBe('District of Columbia');
  });

  it('is undefined for codes outside the list', () => {
    expect(stateName('PR')).toBeUndefined();
    expect(stateName('New York')).toBeUndefined();
  });
});
