import { enrollmentSearchText } from '../../src/domain/enrollment/search-text.js';
import type { NewEnrollmentRow } from '../../src/storage/database.js';
import { newId, newReference } from '../../src/storage/ids.js';

/**
 * A pending enrollment row for direct inserts (many rows fast), with the columns of schema
 * version 1 only, so that it also fits a database migrated no further than that.
 */
export function schemaOneEnrollmentRow(overrides: Partial<NewEnrollmentRow> = {}): NewEnrollmentRow {
  const now = new Date().toISOString();
  return {
    id: newId(),
    reference: newReference(),
    tech_id: `R-${newId().slice(-12)}`,
    revision: 1,
    supersedes_id: null,
    status: 'pending',
    full_name: 'Test Technician',
    district: 'D1',
    state: 'TX',
    referred_by: null,
    industries: '["HVAC"]',
    email: 'tech@example.com',
    phone: null,
    vin: '1HGCM82633A004352',
    year: 2003,
    make: 'Honda',
    model: 'Accord',
    color: null,
    plate: null,
    insurance_provider: null,
    insurance_policy_number: null,
    insurance_expiration: '2030-01-01',
    registration_expiration: '2030-01-01',
    comment: null,
    policy_acknowledged: 1,
    created_at: now,
    updated_at: now,
    ...overrides,
  };
}

/** `schemaOneEnrollmentRow` named `fullName`, with its folded search text (migration 0004). */
export function enrollmentRow(
  fullName: string,
  overrides: Partial<NewEnrollmentRow> = {},
): NewEnrollmentRow & { search_text: string } {
  const row = schemaOneEnrollmentRow({ full_name: fullName, ...overrides });
  return { ...row, search_text: enrollmentSearchText(row) };
}
