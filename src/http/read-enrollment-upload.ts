import type { Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { UploadedDocument } from '../domain/enrollment/submission.js';
import { validateEnrollment } from '../domain/enrollment/validate-enrollment.js';
import { AppError } from '../errors.js';
import type { FileStore } from '../files/file-store.js';
import { formatMegabytes } from '../files/local-file-store.js';
import { sniffContentType } from '../files/sniff-content-type.js';
import type { Enrollment } from '../shared/enrollment.schema.js';
import { type AcceptedType, describeAccepted, MAX_FILES_PER_SUBMISSION, UPLOAD_SLOTS } from '../shared/upload-slots.js';
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
}

/**
 * Reads a multipart submission as it streams in: each file goes straight to staging (never
 * buffered whole), its type is decided from its bytes, and any failure discards every staged
 * file so a refused request leaves nothing behind.
 */
export async function readEnrollmentUpload(request: FastifyRequest, deps: ReadUploadDeps): Promise<EnrollmentUpload> {
  if (!request.isMultipart()) throw new AppError('INVALID_REQUEST', 'Send the enrollment as multipart/form-data.');
  const declaredLength = Number(request.headers['content-length'] ?? 0);
  if (declaredLength > deps.limits.maxRequestBytes) throw requestTooLarge(deps.limits.maxRequestBytes);

  const uploads: UploadedDocument[] = [];
  let enrollment: Enrollment | undefined;
  let timeZone: string | undefined;
  let bytesSoFar = 0;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === 'data') {
        if (enrollment) throw new AppError('INVALID_REQUEST', 'Send the "data" part only once.', { field: 'data' });
        enrollment = parseEnrollmentData(await readJsonFilePart(part), deps.now);
      } else if (part.type === 'file') {
        const upload = await readFilePart(part, deps, uploads, deps.limits.maxRequestBytes - bytesSoFar);
        bytesSoFar += upload.staged.sizeBytes;
        uploads.push(upload);
      } else if (part.fieldname === 'data') {
        if (enrollment) throw new AppError('INVALID_REQUEST', 'Send the "data" part only once.', { field: 'data' });
        enrollment = parseEnrollmentData(part.value, deps.now);
      } else if (part.fieldname === 'timeZone') {
        timeZone = String(part.value).slice(0, 64);
      } else {
        throw new AppError('INVALID_REQUEST', `Unexpected form field "${part.fieldname}".`, { field: part.fieldname });
      }
    }
    if (!enrollment)
      throw new AppError('INVALID_REQUEST', 'The "data" part with the enrollment is missing.', { field: 'data' });
    return { enrollment, uploads, timeZone };
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
  const field = part.fieldname;
  const slot = UPLOAD_SLOTS[field];
  if (!slot) {
    part.file.resume();
    throw new AppError('INVALID_REQUEST', `Unexpected file field "${field}".`, { field });
  }
  if (earlier.filter((u) => u.field === field).length >= slot.max) {
    part.file.resume();
    throw new AppError('VALIDATION_FAILED', `"${slot.label}" takes at most ${slot.max} file(s).`, { field });
  }
  return stageUploadedFile(part, field, deps, {
    requestBudget,
    tooLargeInTotal: () => requestTooLarge(deps.limits.maxRequestBytes),
  });
}

/**
 * The checks every uploaded file goes through, for a submission and for a draft alike: it is
 * streamed into staging within the per-file limit (and what is left of the request's budget),
 * its type is decided from its bytes and must suit the slot, an image must be readable, and a
 * signature must not be blank. On any failure the staged file is removed.
 */
export async function stageUploadedFile(
  part: { file: Readable; filename?: string | undefined },
  field: string,
  deps: { files: FileStore; images: ImageInspector; limits: Config['uploads'] },
  budget: { requestBudget: number; tooLargeInTotal: () => AppError },
): Promise<UploadedDocument> {
  const slot = UPLOAD_SLOTS[field];
  if (!slot) {
    part.file.resume();
    throw new AppError('INVALID_REQUEST', `Unexpected file field "${field}".`, { field });
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
    const contentType = await checkFileContent(deps.images, staged, field);
    return { field, category: slot.category, staged, contentType, originalName: cleanFileName(part.filename) };
  } catch (error) {
    await deps.files.discard(staged);
    throw error;
  }
}

async function checkFileContent(
  images: ImageInspector,
  staged: { stagingPath: string; head: Buffer; sizeBytes: number },
  field: string,
): Promise<AcceptedType> {
  const slot = UPLOAD_SLOTS[field];
  if (!slot) throw new AppError('INTERNAL', 'Unknown upload slot.');
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

/**
 * The enrollment as JSON text. A part declared `application/json` arrives already parsed by the
 * multipart reader (API clients often declare it), a plain one as text.
 */
function parseEnrollmentData(raw: unknown, now: Date): Enrollment {
  if (typeof raw !== 'string') return validateEnrollment(raw, now);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError('INVALID_REQUEST', 'The "data" part is not valid JSON.', { field: 'data' });
  }
  return validateEnrollment(json, now);
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

/** Keeps only a short, printable base name: the original name is shown to admins, nothing else. */
function cleanFileName(name: string | undefined): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop() ?? '';
  const printable = [...base].filter((c) => c >= ' ' && c !== '\u007f').join('');
  const cleaned = printable.trim().slice(0, 200);
  return cleaned === '' ? null : cleaned;
}

function requestTooLarge(limit: number): AppError {
  return new AppError('REQUEST_TOO_LARGE', `The submission is larger than ${formatMegabytes(limit)} in total.`);
}

export const MULTIPART_LIMITS = {
  files: MAX_FILES_PER_SUBMISSION,
  fields: 4,
  fieldSize: 64 * 1024,
  parts: MAX_FILES_PER_SUBMISSION + 4,
};
