import { AppError } from '../../errors.js';
import { formatMegabytes } from '../../files/local-file-store.js';
import { UPLOAD_SLOTS, type UploadSlot } from '../../shared/upload-slots.js';
import type { DraftRow } from '../../storage/database.js';
import { newId } from '../../storage/ids.js';
import {
  deleteDraftFilesInSlot,
  describeDraftSlot,
  insertDraftFile,
  listDraftFiles,
  sumDraftFileBytes,
  touchDraft,
} from '../../storage/repositories/draft.repository.js';
import type { UploadedDocument } from '../enrollment/submission.js';
import { type DraftDeps, draftExpiry, draftNotFound, openDraft } from './open-draft.js';
import { type PresentedDraftFile, presentDraftFile } from './present-draft.js';

export interface DraftUploadTarget {
  code: string;
  draft: DraftRow;
  field: string;
  slot: UploadSlot;
  /** Bytes this file may take so that the draft's files stay within the per-submission limit. */
  bytesLeft: number;
  /** The per-submission limit itself, checked again when the file is recorded. */
  maxTotalBytes: number;
}

/**
 * Everything that can be refused before the file's bytes are read: an unknown draft or slot, a
 * slot already full. A one-file slot (a vehicle photo, the signature) is never full: a new
 * upload replaces its file.
 */
export async function prepareDraftUpload(
  deps: Pick<DraftDeps, 'db' | 'now'> & { maxRequestBytes: number },
  typedCode: string,
  field: string,
): Promise<DraftUploadTarget> {
  const { code, draft } = await openDraft(deps, typedCode, deps.now());
  const slot = UPLOAD_SLOTS[field];
  if (!slot) {
    throw new AppError('INVALID_REQUEST', `There is no upload slot "${field}".`, { field });
  }
  const files = await listDraftFiles(deps.db.kysely, draft.id);
  const replacing = slot.max === 1;
  if (!replacing && files.filter((f) => f.field === field).length >= slot.max) throw slotFull(field, slot);
  const kept = files.filter((f) => !(replacing && f.field === field));
  const bytesLeft = deps.maxRequestBytes - kept.reduce((sum, f) => sum + f.size_bytes, 0);
  return { code, draft, field, slot, bytesLeft, maxTotalBytes: deps.maxRequestBytes };
}

/**
 * Adds a checked, staged upload to the draft: the file is committed to the store first, then
 * one transaction records it (replacing a one-file slot's file) and extends the draft's expiry.
 */
export async function addDraftFile(
  deps: DraftDeps,
  target: DraftUploadTarget,
  upload: UploadedDocument,
): Promise<PresentedDraftFile> {
  try {
    const storageKey = await deps.files.commit(upload.staged);
    const now = deps.now();
    const timestamp = now.toISOString();
    const row = await deps.db.kysely.transaction().execute(async (trx) => {
      // Touching the draft first locks its row on PostgreSQL, so two uploads into one slot
      // cannot both see room for one more file.
      const live = await touchDraft(trx, target.draft.id, {
        now: timestamp,
        expiresAt: draftExpiry(now, deps.ttlDays),
      });
      if (!live) throw draftNotFound();
      // The size left was judged before the upload arrived; uploads running side by side each
      // saw it whole, so the total is checked again with the draft's row locked.
      const kept = await sumDraftFileBytes(trx, target.draft.id, target.slot.max === 1 ? target.field : undefined);
      if (kept + upload.staged.sizeBytes > target.maxTotalBytes) throw draftTooLarge(target);
      let position = 0;
      if (target.slot.max === 1) {
        await deleteDraftFilesInSlot(trx, target.draft.id, target.field);
      } else {
        const slot = await describeDraftSlot(trx, target.draft.id, target.field);
        if (slot.count >= target.slot.max) throw slotFull(target.field, target.slot);
        position = slot.nextPosition;
      }
      const inserted = {
        id: newId(),
        draft_id: target.draft.id,
        field: target.field,
        position,
        storage_key: storageKey,
        sha256: upload.staged.sha256,
        size_bytes: upload.staged.sizeBytes,
        content_type: upload.contentType,
        original_name: upload.originalName,
        created_at: timestamp,
      };
      await insertDraftFile(trx, inserted);
      return inserted;
    });
    return presentDraftFile(target.code, row);
  } finally {
    // After a commit this is a no-op; after a failure before it, the staged file goes.
    await deps.files.discard(upload.staged);
  }
}

function draftTooLarge(target: DraftUploadTarget): AppError {
  return new AppError(
    'REQUEST_TOO_LARGE',
    `Together, this enrollment's files would be larger than ${formatMegabytes(target.maxTotalBytes)}. ` +
      'Remove a file or upload a smaller one.',
    { field: target.field },
  );
}

function slotFull(field: string, slot: UploadSlot): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    `"${slot.label}" takes at most ${slot.max} files. Remove one before adding another.`,
    { field },
  );
}
