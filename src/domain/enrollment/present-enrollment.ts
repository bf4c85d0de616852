import type { PresentedAuditEvent } from '../../shared/audit-actions.js';
import { ENROLLMENT_FIELDS, type FieldDefinition, type PresentedFields } from '../../shared/enrollment-fields.js';
import type { AuditEventRow, DocumentRow, EnrollmentRow } from '../../storage/database.js';

/** A stored column's value as the API gives it, by the kind of field (see shared/enrollment-fields.ts). */
function decodeField(field: FieldDefinition, stored: unknown): unknown {
  if (stored === null || stored === undefined) return null;
  if (field.type === 'industries') return JSON.parse(String(stored)) as string[];
  if (field.type === 'consent') return stored === 1 || stored === true;
  return stored;
}

/** The enrollment's answers from its row, one per entry of the field table. */
export function presentFields(row: EnrollmentRow): PresentedFields {
  const columns = row as unknown as Record<string, unknown>;
  return Object.fromEntries(
    ENROLLMENT_FIELDS.map((field) => [field.key, decodeField(field, columns[field.column])]),
  ) as PresentedFields;
}

/** The API shape of an enrollment: camelCase, lists decoded, internal columns left out. */
export function presentEnrollment(row: EnrollmentRow) {
  return {
    id: row.id,
    reference: row.reference,
    revision: row.revision,
    supersedesId: row.supersedes_id,
    status: row.status,
    ...presentFields(row),
    /** The language the technician used in the wizard ('en' | 'es'). */
    language: row.language,
    /** The earlier version's id, for an enrollment brought over by `byov import-legacy`. */
    legacyId: row.legacy_id,
    /** Why an imported enrollment needs review; null when it needs none. */
    reviewFlags:
      row.review_flags === null ? null : (JSON.parse(row.review_flags) as { code: string; message: string }[]),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    reviewedAt: row.reviewed_at,
    reviewedBy: row.reviewed_by,
    reviewNote: row.review_note,
    deletedAt: row.deleted_at,
    deletedBy: row.deleted_by,
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
