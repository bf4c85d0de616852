/**
 * Checks a picked file before anything is sent, in words a technician understands, then
 * prepares it for upload: photos are shrunk (see downscale-image.ts), PDFs go as they are.
 * The server checks every file again from its bytes; these checks only save a wasted upload.
 */
import { type AcceptedType, UPLOAD_SLOTS } from '../../../../src/shared/upload-slots.js';
import { t } from '../i18n/i18n.js';
import type { UploadField } from '../state/types.js';
import { downscaleImage } from './downscale-image.js';

/** The server's default per-file limit (MAX_FILE_MB); a server set lower still answers 413. */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
/** Photos larger than this are refused outright: decoding them could exhaust a phone's memory. */
const MAX_SOURCE_IMAGE_BYTES = 60 * 1024 * 1024;

const EXTENSION_TYPES: Record<string, AcceptedType> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heic',
  pdf: 'application/pdf',
};

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** Some phones send no MIME type, so the extension is the fallback. */
export function detectType(file: File): AcceptedType | undefined {
  const declared = file.type.toLowerCase();
  if (declared === 'image/heif') return 'image/heic';
  const known = Object.values(EXTENSION_TYPES).find((type) => type === declared);
  if (known) return known;
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return declared === '' || declared === 'application/octet-stream' ? EXTENSION_TYPES[extension] : undefined;
}

function acceptedDescription(field: UploadField): string {
  return UPLOAD_SLOTS[field]?.accepts.includes('application/pdf')
    ? t('documents.acceptedDocument')
    : t('documents.acceptedPhoto');
}

/** A message explaining why this file cannot be used here, or null when it may be uploaded. */
export function checkPickedFile(field: UploadField, file: File): string | null {
  const name = file.name;
  const type = detectType(file);
  const accepts = UPLOAD_SLOTS[field]?.accepts ?? [];
  // The server can never read HEIC, so it is refused here, before a doomed upload.
  if (type === 'image/heic') return t('documents.heicRefused', { name });
  if (!type || !accepts.includes(type)) {
    return t('documents.notAccepted', { name, accepted: acceptedDescription(field) });
  }
  if (file.size === 0) return t('documents.empty', { name });
  const limit = type === 'application/pdf' ? MAX_UPLOAD_BYTES : MAX_SOURCE_IMAGE_BYTES;
  if (file.size > limit) {
    return t('documents.tooLarge', { name, size: formatBytes(file.size), limit: formatBytes(limit) });
  }
  return null;
}

export interface PreparedFile {
  blob: Blob;
  fileName: string;
  /** An object URL for the preview, or null when the browser cannot show this file. */
  previewUrl: string | null;
}

function jpegName(name: string): string {
  const base = name.replace(/\.[^.]*$/, '') || 'photo';
  return `${base}.jpg`;
}

/** Throws an Error with a technician-facing message when the result is still too large. */
export async function prepareFile(file: File): Promise<PreparedFile> {
  const type = detectType(file);
  if (type === 'application/pdf') return { blob: file, fileName: file.name, previewUrl: null };
  const shrunk = await downscaleImage(file);
  const blob = shrunk ?? file;
  if (blob.size > MAX_UPLOAD_BYTES) {
    throw new Error(
      t('documents.tooLargeStill', {
        name: file.name,
        size: formatBytes(blob.size),
        limit: formatBytes(MAX_UPLOAD_BYTES),
      }),
    );
  }
  return {
    blob,
    fileName: shrunk ? jpegName(file.name) : file.name,
    previewUrl: shrunk ? URL.createObjectURL(shrunk) : null,
  };
}
