/** Real files for the wizard to upload: JPEG photos (one with EXIF orientation), PDFs, junk. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { makePdf } from '../../support/fixtures.js';

type Color = { r: number; g: number; b: number };

export const RED: Color = { r: 220, g: 30, b: 30 };
export const BLUE: Color = { r: 30, g: 30, b: 220 };

/** A plain photo of one colour with a lighter band, so it is a real, decodable picture. */
export async function writePhoto(dir: string, name: string, width: number, height: number, color: Color) {
  const band = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <rect x="0" y="${Math.round(height / 3)}" width="${width}" height="${Math.round(height / 6)}" fill="#eeeeee"/></svg>`,
  );
  const file = path.join(dir, name);
  await sharp({ create: { width, height, channels: 3, background: color } })
    .composite([{ input: band }])
    .jpeg({ quality: 85 })
    .toFile(file);
  return file;
}

/**
 * A landscape JPEG (600×400 stored pixels: red top half, blue bottom half) tagged with EXIF
 * orientation 6, which viewers rotate 90° clockwise: it shows as a 400×600 portrait whose
 * left half is blue and right half red. Uploaded correctly, it is stored that way up.
 */
export async function writeRotatedPhoto(dir: string, name: string) {
  const width = 600;
  const height = 400;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const color = y < height / 2 ? RED : BLUE;
    for (let x = 0; x < width; x++) pixels.set([color.r, color.g, color.b], (y * width + x) * 3);
  }
  const file = path.join(dir, name);
  await sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .toFile(file);
  return file;
}

export async function writePdf(dir: string, name: string, text: string) {
  const file = path.join(dir, name);
  await writeFile(file, makePdf(text));
  return file;
}

export async function writeTextFile(dir: string, name: string, text: string) {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

/** A PDF-looking file over the 15 MB per-file limit (only its size matters to the browser). */
export async function writeOversizedPdf(dir: string, name: string) {
  const file = path.join(dir, name);
  const body = Buffer.alloc(16 * 1024 * 1024, 0x20);
  makePdf('big').copy(body);
  await writeFile(file, body);
  return file;
}
