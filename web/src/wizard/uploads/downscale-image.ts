import { t } from '../i18n/i18n.js';
/**
 * Shrinks a photo in the browser before upload so phone pictures (often 4000+ px, 5–12 MB)
 * stay well within the server's per-file limit and upload quickly on a weak connection.
 *
 * Re-encoding also applies the EXIF orientation to the pixels (a photo taken in portrait
 * arrives upright, whatever viewer opens it later) and drops the EXIF block with it, which
 * includes the GPS position phones record.
 */

export const MAX_IMAGE_SIDE = 2048;
export const JPEG_QUALITY = 0.85;

interface Decoded {
  source: CanvasImageSource;
  width: number;
  height: number;
  release(): void;
}

/** createImageBitmap honours EXIF orientation when asked; older browsers lack the option. */
async function decodeWithBitmap(file: Blob): Promise<Decoded> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  return { source: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() };
}

/** Fallback: an <img> element, which browsers also orient from EXIF by default. */
function decodeWithImageElement(file: Blob): Promise<Decoded> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const image = new Image();
    image.onload = () =>
      resolve({
        source: image,
        width: image.naturalWidth,
        height: image.naturalHeight,
        release: () => URL.revokeObjectURL(url),
      });
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error(t('documents.unreadable')));
    };
    image.src = url;
  });
}

async function decode(file: Blob): Promise<Decoded> {
  if (typeof createImageBitmap === 'function') {
    try {
      return await decodeWithBitmap(file);
    } catch {
      // Unsupported option or format: the <img> path below may still manage.
    }
  }
  return decodeWithImageElement(file);
}

function canvasToJpeg(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error(t('documents.unencodable')))),
      'image/jpeg',
      JPEG_QUALITY,
    );
  });
}

export function scaledSize(width: number, height: number, maxSide = MAX_IMAGE_SIDE) {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * An upright JPEG whose longest side is at most 2048 px, or null when this browser cannot
 * decode the file (HEIC outside Safari, for one); the caller then uploads the original.
 */
export async function downscaleImage(file: Blob): Promise<Blob | null> {
  let decoded: Decoded;
  try {
    decoded = await decode(file);
  } catch {
    return null;
  }
  try {
    const size = scaledSize(decoded.width, decoded.height);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) return null;
    // JPEG has no transparency: flatten onto white rather than the default black.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, size.width, size.height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(decoded.source, 0, 0, size.width, size.height);
    return await canvasToJpeg(canvas);
  } catch {
    return null;
  } finally {
    decoded.release();
  }
}
