import { describe, expect, it } from 'vitest';
import type { EnrollmentRow } from '../../../storage/database.js';
import { diffRevisions } from './diff-revisions.js';

const base = {
  id: 'a',
  revision: 1,
  industries: '["HVAC"]',
  full_name: 'Ada Lovelace',
  make: 'Honda',
  phone: null,
  year: 2019,
  policy_acknowledged: 1,
  legacy_id: null,
  review_flags: null,
} as unknown as EnrollmentRow;

describe('diffRevisions', () => {
  it('lists the changed fields of each revision against the one before', () => {
    const second = { ...base, id: 'b', revision: 2, make: 'Acura', phone: '555-0100', industries: '["HVAC","Ref"]' };
    const third = { ...second, id: 'c', revision: 3 };
    expect(diffRevisions([base, second, third])).toEqual([
      {
        revision: 2,
        fields: [
          { field: 'industries', from: ['HVAC'], to: ['HVAC', 'Ref'] },
          { field: 'phone', from: null, to: '555-0100' },
          { field: 'make', from: 'Honda', to: 'Acura' },
        ],
      },
      { revision: 3, fields: [] },
    ]);
  });

  it('has nothing to compare for a single revision', () => {
    expect(diffRevisions([base])).toEqual([]);
  });
});
