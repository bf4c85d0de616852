import sharp from 'sharp';
import { AppError } from '../errors.js';

/** Fails with UNSUPPORTED_FILE_TYPE when the image library cannot read the file's header. */
export async function assertReadableImage(file: string, contentType: string, field: string): Promise<void> {
  try {
    await sharp(file).metadata();
  } catch {
    const hint =
      contentType === 'image/heic'
        ? 'HEIC photos cannot be read here: upload a JPEG instead (on an iPhone: Settings › Camera › Formats › Most Compatible).'
        : 'The file looks like an image but could not be read; it may be damaged. Take or export the photo again.';
    throw new AppError('UNSUPPORTED_FILE_TYPE', hint, { field });
  }
}

/** A signature image is blank when every channel (colour and alpha) holds a single value. */
export async function isBlankImage(file: string): Promise<boolean> {
  const { channels } = await sharp(file).stats();
  return channels.every((channel) => channel.min === channel.max);
}
