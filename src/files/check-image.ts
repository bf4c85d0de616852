import sharp, { type Sharp } from 'sharp';
import { jpegFileRunsToItsEnd } from './jpeg-structure.js';

export interface CheckImageInput {
  file: string;
  /** Refused from the header alone, before any pixel is decoded. */
  maxPixels: number;
  /** Also report whether every pixel is the same (a blank signature). */
  detectBlank: boolean;
  /** Longest the decode may take; libvips stops it then (to the next whole second). */
  timeoutMs: number;
}

export type ImageVerdict =
  | { status: 'ok'; width: number; height: number; blank: boolean }
  | { status: 'too-many-pixels'; width: number; height: number }
  | { status: 'unreadable' }
  | { status: 'too-slow' };

// One libvips thread per decode and no cache: the worker pool bounds how many decodes run at once.
sharp.concurrency(1);
sharp.cache(false);

/**
 * Up to this size an image is decoded into memory (at most 4 channels of 16 bits: 32 MB) and
 * judged there; larger ones go through libvips' statistics, which stream but cost over ten
 * times the CPU (they also compute entropy, sharpness and a dominant colour).
 */
const DECODE_IN_MEMORY_MAX_PIXELS = 4_000_000;

/**
 * Checks an uploaded image in two steps: the header alone gives the dimensions, which must stay
 * within `maxPixels` (a small file can declare a huge canvas); only then is every byte of the
 * image read, failing on truncated or corrupt data, so what is stored is known to be readable: a
 * JPEG's segments are walked to its end marker and it is decoded at one eighth of its size, any
 * other image is decoded whole.
 * Runs in a pool thread (see workers/), never on the event loop's thread.
 */
export async function checkImage(input: CheckImageInput): Promise<ImageVerdict> {
  let width: number;
  let height: number;
  let format: string | undefined;
  try {
    const metadata = await sharp(input.file, { limitInputPixels: false }).metadata();
    width = metadata.width ?? 0;
    height = metadata.height ?? 0;
    format = metadata.format;
  } catch {
    return { status: 'unreadable' };
  }
  if (width <= 0 || height <= 0) return { status: 'unreadable' };
  if (width * height > input.maxPixels) return { status: 'too-many-pixels', width, height };
  try {
    const image = sharp(input.file, { failOn: 'truncated', limitInputPixels: input.maxPixels }).timeout({
      seconds: Math.max(1, Math.ceil(input.timeoutMs / 1000)),
    });
    if (format === 'jpeg' && !input.detectBlank) {
      // The quick decode may leave the last rows' data unread; the walk reads the rest. A file
      // that does not run whole to its end is refused without a decode, whatever its size.
      if (!jpegFileRunsToItsEnd(input.file)) return { status: 'unreadable' };
      await decodeJpegAtOneEighth(image, width);
      return { status: 'ok', width, height, blank: false };
    }
    const blank = await decodeWhole(image, width * height);
    return { status: 'ok', width, height, blank: input.detectBlank && blank };
  } catch (error) {
    // libvips' words when its timeout stopped the decode ("timeout: 40% complete").
    if (error instanceof Error && /^timeout:/.test(error.message)) return { status: 'too-slow' };
    return { status: 'unreadable' };
  }
}

/**
 * A JPEG decoder can stop before the inverse DCT and give every 8×8 block as one pixel. It still
 * reads and Huffman-decodes every row of blocks it returns, for a fraction of the CPU (phone
 * photos are the bulk of every submission's work). sharp decodes at one eighth only when asked
 * for at most a ninth of the width (it halves the factor when the ratio rounds down to 8).
 * libvips returns only whole rows of the reduced image, so the data of the last rows of blocks
 * may go unread: `jpegRunsToItsEnd` covers that part.
 */
async function decodeJpegAtOneEighth(image: Sharp, width: number): Promise<void> {
  await image
    .resize({ width: Math.max(1, Math.floor(width / 9)), fastShrinkOnLoad: true, kernel: 'nearest' })
    .raw()
    .toBuffer();
}

/** Decodes every pixel; true when all of them are the same. */
async function decodeWhole(image: Sharp, pixels: number): Promise<boolean> {
  if (pixels > DECODE_IN_MEMORY_MAX_PIXELS) {
    // Statistics are not a libvips pipeline, so its timeout does not reach them: the pool stops
    // waiting at the limit, and the decode (bounded by the pixel limit) finishes on its own.
    const { channels } = await image.stats();
    return channels.every((channel) => channel.min === channel.max);
  }
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  // Every pixel equals the one before it exactly when the buffer equals itself shifted by one
  // pixel: one comparison in native code instead of a loop over every byte.
  const pixelBytes = data.length / (info.width * info.height);
  return data.subarray(pixelBytes).equals(data.subarray(0, data.length - pixelBytes));
}
