import type { Readable } from 'node:stream';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import type { FileStore, StagedFile } from '../../files/file-store.js';
import { formatMegabytes } from '../../files/local-file-store.js';
import { sniffContentType } from '../../files/sniff-content-type.js';
import { type AcceptedType, describeAccepted, UPLOAD_SLOTS, type UploadSlot } from '../../shared/upload-slots.js';
import type { ImageInspector } from '../../workers/inspect-image.js';
import type { UploadedDocument } from '../enrollment/submission.js';

/*
 * The rules every uploaded file follows, for a full submission and for a draft slot alike: which
 * slots exist and how many files each takes, the size per file and per enrollment, the type as
 * decided from the bytes, a readable image, a signature that is not blank. The HTTP layer only
 * streams the parts in and hands each file here.
 */

export interface StageDeps {
  files: FileStore;
  images: ImageInspector;
  limits: Config['uploads'];
}

/** The slot a file part names, or INVALID_REQUEST; `earlier` files count against its maximum. */
export function uploadSlotFor(field: string, earlier: readonly { field: string }[] = []): UploadSlot {
  const slot = Object.hasOwn(UPLOAD_SLOTS, field) ? UPLOAD_SLOTS[field] : undefined;
  if (!slot) throw new AppError('INVALID_REQUEST', `Unexpected file field "${field}".`, { field });
  if (earlier.filter((u) => u.field === field).length >= slot.max) {
    throw new AppError('VALIDATION_FAILED', `"${slot.label}" takes at most ${slot.max} file(s).`, { field });
  }
  return slot;
}

/** A whole submission over the request limit. */
export function submissionTooLarge(limit: number): AppError {
  return new AppError('REQUEST_TOO_LARGE', `The submission is larger than ${formatMegabytes(limit)} in total.`);
}

/** A draft's files together over the request limit (they are submitted as one enrollment). */
export function draftTooLarge(limit: number, field: string): AppError {
  return new AppError(
    'REQUEST_TOO_LARGE',
    `Together, this enrollment's files would be larger than ${formatMegabytes(limit)}. ` +
      'Remove a file or upload a smaller one.',
    { field },
  );
}

/**
 * Streams one file into staging within the per-file limit (and what is left of the request's
 * budget), then checks its content against the slot. On any failure the staged file is removed.
 */
export async function stageUploadedFile(
  part: { file: Readable; filename?: string | undefined },
  field: string,
  deps: StageDeps,
  budget: { requestBudget: number; tooLargeInTotal: () => AppError },
): Promise<UploadedDocument> {
  let slot: UploadSlot;
  try {
    slot = uploadSlotFor(field);
  } catch (error) {
    part.file.resume();
    throw error;
  }
  const fileLimit = deps.limits.maxFileBytes;
  const maxBytes = Math.max(0, Math.min(fileLimit, budget.requestBudget));
  const staged = await deps.files.stage(part.file, { maxBytes }).catch((error) => {
    if (error instanceof AppError && error.code === 'FILE_TOO_LARGE') {
      throw budget.requestBudget < fileLimit
        ? budget.tooLargeInTotal()
        : new AppError('FILE_TOO_LARGE', `"${slot.label}" is larger than ${formatMegabytes(fileLimit)}.`, { field });
    }
    throw error;
  });
  try {
    const contentType = await checkFileContent(deps.images, staged, slot, field);
    return { field, category: slot.category, staged, contentType, originalName: cleanFileName(part.filename) };
  } catch (error) {
    await deps.files.discard(staged);
    throw error;
  }
}

async function checkFileContent(
  images: ImageInspector,
  staged: StagedFile,
  slot: UploadSlot,
  field: string,
): Promise<AcceptedType> {
  if (staged.sizeBytes === 0)
    throw new AppError('VALIDATION_FAILED', `The file for "${slot.label}" is empty.`, { field });
  const detected = sniffContentType(staged.head);
  if (!detected || !slot.accepts.includes(detected)) {
    throw new AppError(
      'UNSUPPORTED_FILE_TYPE',
      `"${slot.label}" must be ${describeAccepted(slot)}; this file is ${detected ? detected.replace(/^\w+\//, '').toUpperCase() : 'of another type'}.`,
      { field },
    );
  }
  if (detected.startsWith('image/')) {
    await images.check(staged.stagingPath, { contentType: detected, field, signature: slot.category === 'signature' });
  }
  return detected;
}

/** Keeps only a short, printable base name: the original name is shown to admins, nothing else. */
function cleanFileName(name: string | undefined): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop() ?? '';
  const printable = [...base].filter((c) => c >= ' ' && c !== '\u007f').join('');
  const cleaned = printable.trim().slice(0, 200);
  return cleaned === '' ? null : cleaned;
}
