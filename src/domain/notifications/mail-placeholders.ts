import type { DocumentRef } from '../../mail/payloads.js';
import type { DocumentRow, EnrollmentRow } from '../../storage/database.js';

/** The placeholders every enrollment template may use; `{program}` is filled when sent. */
export const ENROLLMENT_PLACEHOLDERS = [
  'program',
  'name',
  'techId',
  'reference',
  'district',
  'state',
  'year',
  'make',
  'model',
] as const;

/** The values of the enrollment placeholders (all but `{program}`). */
export function enrollmentVars(row: EnrollmentRow): Record<string, string> {
  return {
    name: row.full_name,
    techId: row.tech_id,
    reference: row.reference,
    district: row.district,
    state: row.state,
    year: String(row.year),
    make: row.make,
    model: row.model,
  };
}

export function documentRef(d: DocumentRow): DocumentRef {
  return {
    category: d.category,
    storageKey: d.storage_key,
    sha256: d.sha256,
    sizeBytes: d.size_bytes,
    contentType: d.content_type,
    originalName: d.original_name,
  };
}
