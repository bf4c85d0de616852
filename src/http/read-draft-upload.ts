import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { DraftUploadTarget } from '../domain/draft/add-draft-file.js';
import type { UploadedDocument } from '../domain/enrollment/submission.js';
import { draftTooLarge, stageUploadedFile } from '../domain/uploads/stage-uploaded-file.js';
import { AppError } from '../errors.js';
import type { FileStore } from '../files/file-store.js';
import { formatMegabytes } from '../files/local-file-store.js';
import type { ImageInspector } from '../workers/inspect-image.js';

/**
 * Reads one file uploaded into a draft slot: multipart with a single file part named `file`.
 * The file goes through the same checks as in a full submission (size, type from its bytes,
 * readable image, signature not blank); a refused upload leaves nothing staged.
 */
export async function readDraftUpload(
  request: FastifyRequest,
  target: DraftUploadTarget,
  deps: { files: FileStore; images: ImageInspector; limits: Config['uploads'] },
): Promise<UploadedDocument> {
  const field = target.field;
  if (!request.isMultipart()) {
    throw new AppError('INVALID_REQUEST', 'Send the file as multipart/form-data, in a part named "file".', { field });
  }
  const declaredLength = Number(request.headers['content-length'] ?? 0);
  if (declaredLength > deps.limits.maxRequestBytes) {
    throw new AppError(
      'REQUEST_TOO_LARGE',
      `An upload may be at most ${formatMegabytes(deps.limits.maxRequestBytes)}.`,
      {
        field,
      },
    );
  }
  let upload: UploadedDocument | undefined;
  try {
    for await (const part of request.parts({ limits: { files: 2, fields: 2, parts: 4 } })) {
      if (part.type !== 'file') {
        throw new AppError('INVALID_REQUEST', `Unexpected form field "${part.fieldname}"; send only the file.`, {
          field,
        });
      }
      if (part.fieldname !== 'file' || upload) {
        part.file.resume();
        throw new AppError('INVALID_REQUEST', 'Send one file per upload, in a part named "file".', { field });
      }
      upload = await stageUploadedFile(part, field, deps, {
        requestBudget: target.bytesLeft,
        tooLargeInTotal: () => draftTooLarge(deps.limits.maxRequestBytes, field),
      });
    }
  } catch (error) {
    if (upload) await deps.files.discard(upload.staged);
    throw error;
  }
  if (!upload) throw new AppError('INVALID_REQUEST', 'The file is missing: send it in a part named "file".', { field });
  return upload;
}
