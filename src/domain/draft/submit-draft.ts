import { AppError } from '../../errors.js';
import { UPLOAD_SLOTS } from '../../shared/upload-slots.js';
import { deleteDraft, listDraftFiles } from '../../storage/repositories/draft.repository.js';
import type { StoredDocument, SubmitEnrollmentDeps, SubmittedEnrollment } from '../enrollment/submission.js';
import { submitEnrollment } from '../enrollment/submit-enrollment.js';
import { validateEnrollment } from '../enrollment/validate-enrollment.js';
import { draftNotFound, openDraft } from './open-draft.js';

export interface SubmitDraftInput {
  code: string;
  client: { ip: string | null; userAgent: string | null };
  timeZone?: string | undefined;
  policySha256?: string | undefined;
}

/**
 * Turns a draft into an enrollment. The draft's data is validated exactly like a direct
 * submission, its files (already in the store) become the enrollment's documents, and the
 * enrollment is written by the same transaction as a direct submission, which also deletes the
 * draft. Deleting it is what refuses a second submit of the same code: the loser of two
 * simultaneous submits rolls back entirely and answers NOT_FOUND.
 */
export async function submitDraft(deps: SubmitEnrollmentDeps, input: SubmitDraftInput): Promise<SubmittedEnrollment> {
  const now = deps.now();
  const { draft } = await openDraft(deps, input.code, now);
  const enrollment = validateEnrollment(JSON.parse(draft.data), now);
  const files = await listDraftFiles(deps.db.kysely, draft.id);
  const storedFiles: StoredDocument[] = [];
  for (const file of files) {
    const slot = UPLOAD_SLOTS[file.field];
    if (!slot) continue;
    if (!(await deps.files.has(file.storage_key))) {
      throw new AppError('VALIDATION_FAILED', `The file for "${slot.label}" is missing; upload it again.`, {
        field: file.field,
      });
    }
    storedFiles.push({
      field: file.field,
      category: slot.category,
      storageKey: file.storage_key,
      sha256: file.sha256,
      sizeBytes: file.size_bytes,
      contentType: file.content_type,
      originalName: file.original_name,
    });
  }
  return submitEnrollment(deps, {
    enrollment,
    uploads: [],
    storedFiles,
    client: input.client,
    timeZone: input.timeZone,
    policySha256: input.policySha256,
    source: 'draft',
    language: draft.language,
    alsoInTransaction: async (trx) => {
      if (!(await deleteDraft(trx, draft.id))) throw draftNotFound();
    },
  });
}

/** `{timeZone?, policySha256?}`; a time zone that is not text is ignored (the PDF then uses UTC). */
export function parseSubmitDraftBody(body: unknown): { timeZone?: string; policySha256?: string } {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError(
      'INVALID_REQUEST',
      'Send the submission as a JSON object, like {"timeZone": "America/Chicago"}.',
    );
  }
  const { timeZone, policySha256 } = body as Record<string, unknown>;
  const result: { timeZone?: string; policySha256?: string } = {};
  if (typeof timeZone === 'string') result.timeZone = timeZone.slice(0, 64);
  if (policySha256 !== undefined) {
    if (typeof policySha256 !== 'string' || !/^[0-9a-f]{64}$/.test(policySha256)) {
      throw new AppError('VALIDATION_FAILED', 'policySha256 must be the policy\'s "sha256" as given by /api/policy.', {
        field: 'policySha256',
      });
    }
    result.policySha256 = policySha256;
  }
  return result;
}
