import { AppError } from '../../../errors.js';
import type { ByteRange, FileStore } from '../../../files/file-store.js';
import { readVerified } from '../../../files/read-verified.js';
import type { Db } from '../../../storage/db.js';
import { findDocumentById } from '../../../storage/repositories/document.repository.js';
import type { WarnLog } from '../../warn-log.js';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
};

/**
 * One stored document's bytes (or the range asked for) for the admin, named for its slot and page ("insurance-2.pdf").
 * The bytes are checked against their hash first: a rotted file is refused, never shown.
 */
export async function openDocument(
  deps: { db: Db; files: FileStore },
  id: string,
  log: WarnLog,
  rangeOf: (sizeBytes: number) => ByteRange | undefined = () => undefined,
) {
  const document = await findDocumentById(deps.db.kysely, id);
  if (!document) throw new AppError('NOT_FOUND', 'No document has this id.');
  const range = rangeOf(document.size_bytes);
  const file = await readVerified(deps.files, document.storage_key, range);
  if (file.status === 'missing') {
    throw new AppError('NOT_FOUND', 'The file of this document is missing from storage; run `byov repair`.');
  }
  if (file.status === 'damaged') {
    log.warn({ documentId: document.id }, 'stored file damaged: its bytes do not match their hash');
    throw new AppError(
      'FILE_DAMAGED',
      `The stored file of document ${document.id} is damaged (its bytes no longer match their SHA-256), so it ` +
        'is not shown. Run `byov repair` to put it back from a backup.',
    );
  }
  return {
    contentType: document.content_type,
    sizeBytes: document.size_bytes,
    fileName: `${document.category}-${document.position + 1}.${EXTENSIONS[document.content_type] ?? 'bin'}`,
    range,
    stream: file.stream,
  };
}
