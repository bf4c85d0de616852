import { describe, expect, it } from 'vitest';
import { findVinMismatches } from './vin-mismatch.js';

const decoded = { make: 'HONDA', model: 'Accord', modelYear: 2003, bodyStyle: null, fuelType: null };

describe('findVinMismatches', () => {
  it('accepts the same vehicle written differently', () => {
    expect(findVinMismatches({ make: 'Honda', model: 'Accord EX', year: 2003 }, decoded)).toEqual([]);
  });

  it('names each field that disagrees with the VIN', () => {
    expect(findVinMismatches({ make: 'Toyota', model: 'Camry', year: 2004 }, decoded)).toEqual([
      'make',
      'model',
      'year',
    ]);
  });

  it('does not count what the decoder does not know', () => {
    const partial = { ...decoded, model: '', modelYear: null };
    expect(findVinMismatches({ make: 'Honda', model: 'Anything', year: 1999 }, partial)).toEqual([]);
  });
});
