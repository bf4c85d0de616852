import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { UploadedDocument } from '../domain/enrollment/submission.js';
import { parseEnrollmentJson } from '../domain/enrollment/validate-enrollment.js';
import { parseLanguage } from '../domain/text/parse-language.js';
import { stageUploadedFile, submissionTooLarge, uploadSlotFor } from '../domain/uploads/stage-uploaded-file.js';
import { AppError } from '../errors.js';
import type { FileStore } from '../files/file-store.js';
import type { Enrollment } from '../shared/enrollment.schema.js';
import type { Language } from '../shared/field-labels.js';
import { MAX_FILES_PER_SUBMISSION } from '../shared/upload-slots.js';
import type { ImageInspector } from '../workers/inspect-image.js';

export interface ReadUploadDeps {
  files: FileStore;
  images: ImageInspector;
  limits: Config['uploads'];
  now: Date;
}

export interface EnrollmentUpload {
  enrollment: Enrollment;
  uploads: UploadedDocument[];
  /** Optional `timeZone` part: the browser's IANA zone, for the date on the signed PDF. */
  timeZone: string | undefined;
  /** Optional `language` part (`en` or `es`): the technician's messages and PDF page are in it. */
  language: Language;
}

/**
 * Reads a multipart submission as it streams in: each file goes straight to staging (never
 * buffered whole), its type is decided from its bytes, and any failure discards every staged
 * file so a refused request leaves nothing behind.
 */
export async function readEnrollmentUpload(request: FastifyRequest, deps: ReadUploadDeps): Promise<EnrollmentUpload> {
  if (!request.isMultipart()) throw new AppError('INVALID_REQUEST', 'Send the enrollment as multipart/form-data.');
  const declaredLength = Number(request.headers['content-length'] ?? 0);
  if (declaredLength > deps.limits.maxRequestBytes) throw submissionTooLarge(deps.limits.maxRequestBytes);

  const uploads: UploadedDocument[] = [];
  let enrollment: Enrollment | undefined;
  let timeZone: string | undefined;
  let language: Language = 'en';
  let bytesSoFar = 0;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === 'data') {
        if (enrollment) throw new AppError('INVALID_REQUEST', 'Send the "data" part only once.', { field: 'data' });
        enrollment = parseEnrollmentJson(await readJsonFilePart(part), deps.now);
      } else if (part.type === 'file') {
        const upload = await readFilePart(part, deps, uploads, deps.limits.maxRequestBytes - bytesSoFar);
        bytesSoFar += upload.staged.sizeBytes;
        uploads.push(upload);
      } else if (part.fieldname === 'data') {
        if (enrollment) throw new AppError('INVALID_REQUEST', 'Send the "data" part only once.', { field: 'data' });
        enrollment = parseEnrollmentJson(part.value, deps.now);
      } else if (part.fieldname === 'timeZone') {
        timeZone = String(part.value).slice(0, 64);
      } else if (part.fieldname === 'language') {
        language = parseLanguage(part.value);
      } else {
        throw new AppError('INVALID_REQUEST', `Unexpected form field "${part.fieldname}".`, { field: part.fieldname });
      }
    }
    if (!enrollment)
      throw new AppError('INVALID_REQUEST', 'The "data" part with the enrollment is missing.', { field: 'data' });
    return { enrollment, uploads, timeZone, language };
  } catch (error) {
    await Promise.all(uploads.map((u) => deps.files.discard(u.staged)));
    throw error;
  }
}

async function readFilePart(
  part: MultipartFile,
  deps: ReadUploadDeps,
  earlier: UploadedDocument[],
  requestBudget: number,
): Promise<UploadedDocument> {
  try {
    uploadSlotFor(part.fieldname, earlier);
  } catch (error) {
    part.file.resume();
    throw error;
  }
  return stageUploadedFile(part, part.fieldname, deps, {
    requestBudget,
    tooLargeInTotal: () => submissionTooLarge(deps.limits.maxRequestBytes),
  });
}

/**
 * A `data` part sent as a file (a Blob with a type, `curl -F data=@enrollment.json`): read as
 * JSON text when its declared type is JSON or text, within the size of a form field.
 */
async function readJsonFilePart(part: MultipartFile): Promise<string> {
  const type = part.mimetype.toLowerCase();
  if (!type.startsWith('application/json') && !type.startsWith('text/plain')) {
    part.file.resume();
    throw new AppError('INVALID_REQUEST', 'The "data" part must be JSON text.', { field: 'data' });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MULTIPART_LIMITS.fieldSize) {
      part.file.resume();
      throw new AppError('REQUEST_TOO_LARGE', 'The "data" part is too large.', { field: 'data' });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const MULTIPART_LIMITS = {
  files: MAX_FILES_PER_SUBMISSION,
  fields: 4,
  fieldSize: 64 * 1024,
  parts: MAX_FILES_PER_SUBMISSION + 4,
};
