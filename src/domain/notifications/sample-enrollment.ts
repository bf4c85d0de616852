import type { DocumentCategory, DocumentRow, EnrollmentRow } from '../../storage/database.js';

/**
 * A made-up enrollment for previews in settings: it shows what a message will look like
 * without putting anyone's data on the settings page.
 */
export function sampleEnrollment(now: Date): { row: EnrollmentRow; documents: DocumentRow[] } {
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString();
  const row: EnrollmentRow = {
    id: 'sample',
    search_text: '',
    reference: 'BYOV-SAMPLE',
    tech_id: 'T-0000',
    revision: 1,
    supersedes_id: null,
    status: 'approved',
    full_name: 'Sample Technician',
    district: '0000',
    state: 'IL',
    referred_by: null,
    industries: JSON.stringify(['HVAC']),
    email: 'technician@example.com',
    phone: null,
    vin: '1HGCM82633A004352',
    year: 2020,
    make: 'Honda',
    model: 'Accord',
    color: 'Gray',
    plate: 'SAMPLE',
    insurance_provider: 'Sample Insurance',
    insurance_policy_number: 'P-000000',
    insurance_expiration: day(180).slice(0, 10),
    registration_expiration: day(300).slice(0, 10),
    comment: null,
    policy_acknowledged: 1,
    created_at: day(-2),
    updated_at: day(-2),
    policy_template_id: null,
    policy_version: null,
    policy_sha256: null,
    signed_pdf_sha256: null,
    receipt_token_hash: null,
    reviewed_at: null,
    reviewed_by: null,
    review_note: null,
    requested_fields: null,
    requested_draft_id: null,
    deleted_at: null,
    deleted_by: null,
    legacy_id: null,
    review_flags: null,
    language: 'en',
  };
  const document = (category: DocumentCategory, contentType: string, position = 0): DocumentRow => ({
    id: `sample-${category}-${position}`,
    enrollment_id: row.id,
    category,
    position,
    storage_key: `sample-${category}-${position}`,
    sha256: '0'.repeat(64),
    size_bytes: 150_000,
    content_type: contentType,
    original_name: null,
    created_at: row.created_at,
  });
  const documents = [
    document('signed_policy', 'application/pdf'),
    ...(['vehicle_front', 'vehicle_back', 'vehicle_left', 'vehicle_right'] as const).map((c) =>
      document(c, 'image/jpeg'),
    ),
    document('insurance', 'application/pdf'),
    document('registration', 'image/jpeg'),
  ];
  return { row, documents };
}
