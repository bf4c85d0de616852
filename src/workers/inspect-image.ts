import { AppError } from '../errors.js';
import { type WorkerPool, WorkTimedOutError } from './worker-pool.js';

export interface ImageLimits {
  /** Width × height allowed for a photo or scanned document. */
  readonly maxPixels: number;
  /** Width × height allowed for the drawn signature: a canvas, far smaller than a photo. */
  readonly signatureMaxPixels: number;
  /** Longest one image check may take before its thread is stopped. */
  readonly checkTimeoutMs: number;
}

/** Checks an uploaded image off the event loop and turns the verdict into the user's answer. */
export interface ImageInspector {
  /** Refuses an image that is too large in pixels, unreadable, truncated or (a signature) blank. */
  check(file: string, image: { contentType: string; field: string; signature: boolean }): Promise<void>;
}

export function createImageInspector(pool: WorkerPool, limits: ImageLimits): ImageInspector {
  return {
    async check(file, { contentType, field, signature }) {
      const maxPixels = signature ? limits.signatureMaxPixels : limits.maxPixels;
      const timeoutMs = limits.checkTimeoutMs;
      const verdict = await pool
        .run('check-image', { file, maxPixels, detectBlank: signature, timeoutMs }, { timeoutMs })
        .catch((error) => {
          if (error instanceof WorkTimedOutError) throw tooSlow(field);
          throw error;
        });
      if (verdict.status === 'too-slow') throw tooSlow(field);
      if (verdict.status === 'unreadable') throw unreadable(contentType, field);
      if (verdict.status === 'too-many-pixels') {
        throw new AppError(
          'FILE_TOO_LARGE',
          `The image is ${verdict.width}×${verdict.height} pixels; ${signature ? 'a signature' : 'an image'} may have at most ` +
            `${formatMegapixels(maxPixels)} megapixels.`,
          { field },
        );
      }
      if (signature && verdict.blank) {
        throw new AppError('VALIDATION_FAILED', 'The signature is blank. Sign in the box before submitting.', {
          field,
        });
      }
    },
  };
}

function tooSlow(field: string): AppError {
  return new AppError('UNSUPPORTED_FILE_TYPE', 'The image took too long to read; upload a smaller one.', { field });
}

function unreadable(contentType: string, field: string): AppError {
  const hint =
    contentType === 'image/heic'
      ? 'HEIC photos cannot be read here: upload a JPEG instead (on an iPhone: Settings › Camera › Formats › Most Compatible).'
      : 'The file looks like an image but could not be read; it may be damaged or cut off. Take or export the photo again.';
  return new AppError('UNSUPPORTED_FILE_TYPE', hint, { field });
}

function formatMegapixels(pixels: number): string {
  return String(Math.round((pixels / 1_000_000) * 10) / 10);
}
