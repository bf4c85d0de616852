import type { Kysely } from 'kysely';
import type { Enrollment } from '../../shared/enrollment.schema.js';
import { ENROLLMENT_FIELDS } from '../../shared/enrollment-fields.js';
import type { Database, EnrollmentRow, NewEnrollmentRow } from '../../storage/database.js';
import { newId } from '../../storage/ids.js';
import { insertAuditEvent } from '../../storage/repositories/audit.repository.js';
import {
  copyCompletedTasks,
  createChecklist,
  readChecklistDefinition,
} from '../../storage/repositories/checklist.repository.js';
import { insertDocuments } from '../../storage/repositories/document.repository.js';
import {
  findLatestRevision,
  insertEnrollment,
  setEnrollmentStatus,
} from '../../storage/repositories/enrollment.repository.js';
import { enrollmentSearchText } from './search-text.js';
import type { PreparedSubmission, SubmitEnrollmentInput, SubmittedEnrollment } from './submission.js';

/**
 * The transaction of a submission: the enrollment as the next revision for its tech ID, its
 * documents, its checklist and the audit event. Everything it writes was decided beforehand
 * (`prepared`), so a retry after losing a revision race writes exactly the same thing.
 */
export async function insertSubmission(
  trx: Kysely<Database>,
  input: SubmitEnrollmentInput,
  prepared: PreparedSubmission,
): Promise<Omit<SubmittedEnrollment, 'receiptToken' | 'signedPdfSha256' | 'policy'>> {
  const timestamp = prepared.submittedAt.toISOString();
  const previous = await findLatestRevision(trx, input.enrollment.techId);
  const row = { ...toEnrollmentRow(input.enrollment, previous, timestamp, prepared), language: input.language ?? 'en' };
  await insertEnrollment(trx, row);
  // A pending revision is replaced by the new one; an approved one stays in effect until the
  // new revision is reviewed, and rejected ones stay as history.
  if (previous && (previous.status === 'pending' || previous.status === 'changes_requested')) {
    await setEnrollmentStatus(trx, previous.id, 'superseded', timestamp);
  }
  const { documents } = prepared;
  await insertDocuments(
    trx,
    documents.map((document, index) => ({
      id: newId(),
      enrollment_id: prepared.id,
      category: document.category,
      position: documents.slice(0, index).filter((d) => d.category === document.category).length,
      storage_key: document.storageKey,
      sha256: document.sha256,
      size_bytes: document.sizeBytes,
      content_type: document.contentType,
      original_name: document.originalName,
      created_at: timestamp,
    })),
  );
  await createChecklist(trx, prepared.id, await readChecklistDefinition(trx));
  // Onboarding already done for the technician (magnets sent, forms created) stays done.
  if (previous) await copyCompletedTasks(trx, previous.id, prepared.id);
  await insertAuditEvent(trx, {
    enrollmentId: prepared.id,
    actor: 'technician',
    action: 'enrollment.submitted',
    occurredAt: timestamp,
    ip: input.client.ip,
    userAgent: input.client.userAgent,
    details: {
      revision: row.revision,
      supersedes: row.supersedes_id ?? null,
      source: input.source ?? 'direct',
      policy: { id: prepared.policy.id, version: prepared.policy.version, sha256: prepared.policy.sha256 },
      signedPdfSha256: prepared.signedPdfSha256,
      documents: documents.map((d) => ({ category: d.category, sha256: d.sha256 })),
    },
  });
  return {
    id: prepared.id,
    reference: prepared.reference,
    status: 'pending',
    revision: row.revision,
    supersedesId: row.supersedes_id ?? null,
  };
}

/** The answers as columns, one per entry of the field table (see shared/enrollment-fields.ts). */
function fieldColumns(e: Enrollment) {
  const values = e as unknown as Record<string, unknown>;
  return Object.fromEntries(
    ENROLLMENT_FIELDS.map((field) => {
      const value = values[field.key];
      if (field.type === 'industries') return [field.column, JSON.stringify(value)];
      if (field.type === 'consent') return [field.column, value ? 1 : 0];
      return [field.column, value ?? null];
    }),
  ) as Pick<NewEnrollmentRow, (typeof ENROLLMENT_FIELDS)[number]['column']>;
}

function toEnrollmentRow(
  e: Enrollment,
  previous: EnrollmentRow | undefined,
  timestamp: string,
  prepared: PreparedSubmission,
): NewEnrollmentRow & { search_text: string } {
  return {
    id: prepared.id,
    reference: prepared.reference,
    revision: (previous?.revision ?? 0) + 1,
    supersedes_id: previous?.id ?? null,
    status: 'pending',
    ...fieldColumns(e),
    created_at: timestamp,
    updated_at: timestamp,
    policy_template_id: prepared.policy.id,
    policy_version: prepared.policy.version,
    policy_sha256: prepared.policy.sha256,
    signed_pdf_sha256: prepared.signedPdfSha256,
    receipt_token_hash: prepared.receiptTokenHash,
    search_text: enrollmentSearchText({ full_name: e.fullName, tech_id: e.techId, vin: e.vin }),
  };
}
