import type { PresentedAuditEvent } from '../../shared/audit-actions.js';
import type { AuditEventRow, DocumentRow, EnrollmentRow } from '../../storage/database.js';

/** The API shape of an enrollment: camelCase, lists decoded, internal columns left out. */
export function presentEnrollment(row: EnrollmentRow) {
  return {
    id: row.id,
    reference: row.reference,
    techId: row.tech_id,
    revision: row.revision,
    supersedesId: row.supersedes_id,
    status: row.status,
    fullName: row.full_name,
    district: row.district,
    state: row.state,
    referredBy: row.referred_by,
    industries: JSON.parse(row.industries) as string[],
    email: row.email,
    phone: row.phone,
    vin: row.vin,
    year: row.year,
    make: row.make,
    model: row.model,
    color: row.color,
    plate: row.plate,
    insuranceProvider: row.insurance_provider,
    insurancePolicyNumber: row.insurance_policy_number,
    insuranceExpiration: row.insurance_expiration,
    registrationExpiration: row.registration_expiration,
    comment: row.comment,
    policyAcknowledged: row.policy_acknowledged === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    reviewedAt: row.reviewed_at,
    reviewedBy: row.reviewed_by,
    reviewNote: row.review_note,
    deletedAt: row.deleted_at,
    deletedBy: row.deleted_by,
    /** The earlier version's id, for an enrollment brought over by `byov import-legacy`. */
    legacyId: row.legacy_id,
    /** Why an imported enrollment needs review; null when it needs none. */
    reviewFlags:
      row.review_flags === null ? null : (JSON.parse(row.review_flags) as { code: string; message: string }[]),
  };
}

export function presentDocument(row: DocumentRow) {
  return {
    id: row.id,
    category: row.category,
    position: row.position,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    originalName: row.original_name,
    createdAt: row.created_at,
    url: `/api/admin/documents/${row.id}`,
  };
}

/** Rows are written only through insertAuditEvent, so each row's details match its action. */
export function presentAuditEvent(row: AuditEventRow): PresentedAuditEvent {
  return {
    id: row.id,
    enrollmentId: row.enrollment_id,
    actor: row.actor,
    actorId: row.actor_id,
    action: row.action,
    occurredAt: row.occurred_at,
    ip: row.ip,
    userAgent: row.user_agent,
    details: JSON.parse(row.details),
  } as PresentedAuditEvent;
}
