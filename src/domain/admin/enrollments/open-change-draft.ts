import type { Kysely } from 'kysely';
import { UPLOAD_SLOTS } from '../../../shared/upload-slots.js';
import type { Database, EnrollmentRow } from '../../../storage/database.js';
import { newId } from '../../../storage/ids.js';
import { listDocumentsOf } from '../../../storage/repositories/document.repository.js';
import { insertDraft, insertDraftFile } from '../../../storage/repositories/draft.repository.js';
import { DRAFT_DATA_KEYS } from '../../draft/draft-change.js';
import { draftExpiry } from '../../draft/open-draft.js';
import { formatResumeCode, hashResumeCode, newResumeCode } from '../../draft/resume-code.js';
import { presentEnrollment } from '../../enrollment/present-enrollment.js';

/**
 * Opens a wizard draft pre-filled from an enrollment sent back for changes, inside the caller's
 * transaction: the answers as submitted and the uploaded files (the stored files are shared,
 * not copied). Left out, so the technician provides them again: the policy acknowledgement
 * and signature (a new submission is signed anew) and the files of every slot asked to change.
 * Returns the draft's id and its resume code (only its hash is stored).
 */
export async function openChangeDraft(
  trx: Kysely<Database>,
  enrollment: EnrollmentRow,
  input: { requestedFields: readonly string[]; now: Date; ttlDays: number },
): Promise<{ draftId: string; resumeCode: string }> {
  const presented = presentEnrollment(enrollment) as Record<string, unknown>;
  const data = Object.fromEntries(
    [...DRAFT_DATA_KEYS].filter((key) => key !== 'policyAcknowledged').map((key) => [key, presented[key]]),
  );
  // 2^50 codes make a collision all but impossible; one would fail the request, not corrupt data.
  const code = newResumeCode();
  const draftId = newId(input.now.getTime());
  const createdAt = input.now.toISOString();
  await insertDraft(trx, {
    id: draftId,
    codeHash: hashResumeCode(code),
    step: 0,
    data: JSON.stringify(data),
    // The technician fixes it in the language they enrolled in.
    language: enrollment.language,
    createdAt,
    expiresAt: draftExpiry(input.now, input.ttlDays),
  });
  const keep = (slot: string) => slot !== 'signature' && !input.requestedFields.includes(slot);
  for (const document of await listDocumentsOf(trx, enrollment.id)) {
    if (!(document.category in UPLOAD_SLOTS) || !keep(document.category)) continue;
    await insertDraftFile(trx, {
      id: newId(input.now.getTime()),
      draft_id: draftId,
      field: document.category,
      position: document.position,
      storage_key: document.storage_key,
      sha256: document.sha256,
      size_bytes: document.size_bytes,
      content_type: document.content_type,
      original_name: document.original_name,
      created_at: createdAt,
    });
  }
  return { draftId, resumeCode: formatResumeCode(code) };
}
