import type { Kysely } from 'kysely';
import type { FileStore, StagedFile } from '../../files/file-store.js';
import type { Database, DocumentCategory, EnrollmentRow, NewEnrollmentRow } from '../../storage/database.js';
import type { Db } from '../../storage/db.js';
import { isUniqueViolation } from '../../storage/errors.js';
import { newId, newReference } from '../../storage/ids.js';
import { insertAuditEvent } from '../../storage/repositories/audit.repository.js';
import { createChecklist, readChecklistDefinition } from '../../storage/repositories/checklist.repository.js';
import { insertDocuments } from '../../storage/repositories/document.repository.js';
import {
  findLatestRevision,
  insertEnrollment,
  setEnrollmentStatus,
} from '../../storage/repositories/enrollment.repository.js';
import { AppError } from '../errors.js';
import type { Enrollment } from './enrollment.schema.js';
import { UPLOAD_SLOTS } from './upload-slots.js';

export interface UploadedDocument {
  field: string;
  category: DocumentCategory;
  staged: StagedFile;
  contentType: string;
  originalName: string | null;
}

export interface SubmitEnrollmentInput {
  enrollment: Enrollment;
  uploads: UploadedDocument[];
  client: { ip: string | null; userAgent: string | null };
}

export interface SubmitEnrollmentDeps {
  db: Db;
  files: FileStore;
  now: () => Date;
}

export interface SubmittedEnrollment {
  id: string;
  reference: string;
  status: 'pending';
  revision: number;
  supersedesId: string | null;
}

// Each round of a race has one winner, so N simultaneous submissions for one tech ID need up
// to N attempts; this bound is far above any real burst from one technician.
const MAX_ATTEMPTS = 20;

/**
 * Stores a technician's enrollment: files first (durable before any row names them), then one
 * transaction with the enrollment, its documents, its checklist and the audit event. A second
 * submission for the same tech ID becomes a new revision; nothing earlier is overwritten.
 */
export async function submitEnrollment(
  deps: SubmitEnrollmentDeps,
  input: SubmitEnrollmentInput,
): Promise<SubmittedEnrollment> {
  assertRequiredUploads(input.uploads);
  const storageKeys: string[] = [];
  for (const upload of input.uploads) storageKeys.push(await deps.files.commit(upload.staged));

  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.db.kysely.transaction().execute((trx) => insertSubmission(trx, deps.now(), input, storageKeys));
    } catch (error) {
      // Two submissions for the same tech ID raced for the same revision number: the loser
      // retries on top of the winner, so both are kept as consecutive revisions.
      if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 20));
    }
  }
}

function assertRequiredUploads(uploads: UploadedDocument[]): void {
  for (const [field, slot] of Object.entries(UPLOAD_SLOTS)) {
    const count = uploads.filter((u) => u.field === field).length;
    if (count < slot.min) {
      throw new AppError('VALIDATION_FAILED', `Add a file for "${slot.label}".`, { field });
    }
    if (count > slot.max) {
      throw new AppError('VALIDATION_FAILED', `"${slot.label}" takes at most ${slot.max} file(s).`, { field });
    }
  }
}

async function insertSubmission(
  trx: Kysely<Database>,
  now: Date,
  input: SubmitEnrollmentInput,
  storageKeys: string[],
): Promise<SubmittedEnrollment> {
  const timestamp = now.toISOString();
  const previous = await findLatestRevision(trx, input.enrollment.techId);
  const row = toEnrollmentRow(input.enrollment, previous, timestamp);
  await insertEnrollment(trx, row);
  // A pending revision is replaced by the new one; an approved one stays in effect until the
  // new revision is reviewed, and rejected ones stay as history.
  if (previous && (previous.status === 'pending' || previous.status === 'changes_requested')) {
    await setEnrollmentStatus(trx, previous.id, 'superseded', timestamp);
  }
  await insertDocuments(
    trx,
    input.uploads.map((upload, index) => ({
      id: newId(),
      enrollment_id: row.id,
      category: upload.category,
      position: input.uploads.slice(0, index).filter((u) => u.category === upload.category).length,
      storage_key: storageKeys[index] as string,
      sha256: upload.staged.sha256,
      size_bytes: upload.staged.sizeBytes,
      content_type: upload.contentType,
      original_name: upload.originalName,
      created_at: timestamp,
    })),
  );
  await createChecklist(trx, row.id, await readChecklistDefinition(trx));
  await insertAuditEvent(trx, {
    enrollmentId: row.id,
    actor: 'technician',
    action: 'enrollment.submitted',
    occurredAt: timestamp,
    ip: input.client.ip,
    userAgent: input.client.userAgent,
    details: {
      revision: row.revision,
      supersedes: row.supersedes_id,
      documents: input.uploads.map((u) => ({ category: u.category, sha256: u.staged.sha256 })),
    },
  });
  return {
    id: row.id,
    reference: row.reference,
    status: 'pending',
    revision: row.revision,
    supersedesId: row.supersedes_id ?? null,
  };
}

function toEnrollmentRow(e: Enrollment, previous: EnrollmentRow | undefined, timestamp: string): NewEnrollmentRow {
  return {
    id: newId(),
    reference: newReference(),
    tech_id: e.techId,
    revision: (previous?.revision ?? 0) + 1,
    supersedes_id: previous?.id ?? null,
    status: 'pending',
    full_name: e.fullName,
    district: e.district,
    state: e.state,
    referred_by: e.referredBy ?? null,
    industries: JSON.stringify(e.industries),
    email: e.email,
    phone: e.phone ?? null,
    vin: e.vin,
    year: e.year,
    make: e.make,
    model: e.model,
    color: e.color ?? null,
    plate: e.plate ?? null,
    insurance_provider: e.insuranceProvider ?? null,
    insurance_policy_number: e.insurancePolicyNumber ?? null,
    insurance_expiration: e.insuranceExpiration,
    registration_expiration: e.registrationExpiration,
    comment: e.comment ?? null,
    policy_acknowledged: e.policyAcknowledged ? 1 : 0,
    created_at: timestamp,
    updated_at: timestamp,
  };
}
