import type { Readable } from 'node:stream';
import { AppError } from '../../errors.js';
import { readVerified } from '../../files/read-verified.js';
import { findDraftFile } from '../../storage/repositories/draft.repository.js';
import type { WarnLog } from '../warn-log.js';
import { type DraftDeps, openDraft } from './open-draft.js';

/** A draft file's bytes and what to label them with, for previews in the wizard. */
export async function readDraftFile(
  deps: Pick<DraftDeps, 'db' | 'files' | 'now'>,
  typedCode: string,
  fileId: string,
  log: WarnLog,
): Promise<{ stream: Readable; contentType: string; sizeBytes: number; field: string; position: number }> {
  const { draft } = await openDraft(deps, typedCode, deps.now());
  const file = await findDraftFile(deps.db.kysely, draft.id, fileId);
  if (!file) throw new AppError('NOT_FOUND', 'This draft has no file with this id.');
  const stored = await readVerified(deps.files, file.storage_key);
  if (stored.status === 'missing') {
    throw new AppError('NOT_FOUND', 'This file is missing from storage; upload it again.', { field: file.field });
  }
  if (stored.status === 'damaged') {
    // Like a document's: disk damage is for the operator to see; the file id names no one.
    log.warn({ draftFileId: fileId }, 'stored file damaged: its bytes do not match their hash');
    throw new AppError('FILE_DAMAGED', 'This file was damaged in storage; upload it again.', { field: file.field });
  }
  return {
    stream: stored.stream,
    contentType: file.content_type,
    sizeBytes: file.size_bytes,
    field: file.field,
    position: file.position,
  };
}
