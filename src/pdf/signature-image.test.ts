import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawSignature, embedSignature } from './signature-image.js';

const execFileAsync = promisify(execFile);

/** Strokes on a transparent canvas, with a soft (anti-aliased) edge so alpha has many values. */
const STROKES = `<svg xmlns="http://www.w3.org/2000/svg" width="90" height="30">
  <path d="M4 21 C 7 6, 12 5, 33 19 S 50 4, 86 20" stroke="#1a7f37" stroke-width="3" fill="none"/></svg>`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'byov-signature-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A one-page PDF holding only the signature, and the images poppler's pdfimages finds in it. */
async function embedAndExtract(png: Buffer, name: string) {
  const doc = await PDFDocument.create();
  const page = doc.addPage([200, 100]);
  const image = await embedSignature(doc, png);
  drawSignature(page, image, { x: 10, y: 10, width: 180, height: 60 });
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, await doc.save());
  await execFileAsync('pdfimages', ['-png', file, path.join(dir, name)]);
  const extracted = (await readdir(dir)).filter((f) => f.startsWith(`${name}-`)).sort();
  const { stdout: list } = await execFileAsync('pdfimages', ['-list', file]);
  return { image, extracted: extracted.map((f) => path.join(dir, f)), list };
}

async function rgba(png: Buffer | string) {
  return sharp(png).toColourspace('srgb').ensureAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
}

describe('embedSignature', () => {
  const variants: Record<string, (png: Buffer) => Promise<Buffer>> = {
    '8-bit RGBA': async (png) => png,
    '16-bit RGBA': (png) => sharp(png).png().toColourspace('rgb16').toBuffer(),
    palette: (png) => sharp(png).png({ palette: true, colours: 16 }).toBuffer(),
    'grey with alpha': (png) => sharp(png).greyscale().png().toBuffer(),
  };

  for (const [variant, convert] of Object.entries(variants)) {
    it(`puts a ${variant} PNG on the page pixel for pixel, its transparency as a soft mask`, async () => {
      const original = await sharp(Buffer.from(STROKES)).png().toBuffer();
      const png = await convert(original);
      const name = variant.replace(/\W+/g, '-');
      const { image, extracted, list } = await embedAndExtract(png, name);
      expect([image.width, image.height]).toEqual([90, 30]);
      expect(list).toMatch(/\bimage\s+90\s+30\s+rgb\b/);
      expect(list).toMatch(/\bsmask\s+90\s+30\s+gray\b/);
      const [colour, mask] = extracted as [string, string];
      // A 16-bit copy of an 8-bit image must come back as the 8-bit values it was made from.
      const expected = await rgba(variant === '16-bit RGBA' ? original : png);
      const shownColour = await rgba(colour);
      const shownMask = await sharp(mask).extractChannel(0).raw().toBuffer();
      for (let i = 0; i < 90 * 30; i++) {
        expect(shownMask[i]).toBe(expected.data[i * 4 + 3]);
        if ((expected.data[i * 4 + 3] ?? 0) > 0) {
          expect([...shownColour.data.subarray(i * 4, i * 4 + 3)]).toEqual([
            ...expected.data.subarray(i * 4, i * 4 + 3),
          ]);
        }
      }
    });
  }

  it('refuses bytes that are not an image, so the caller can answer a clear error', async () => {
    const doc = await PDFDocument.create();
    await expect(embedSignature(doc, Buffer.from('not a png'))).rejects.toThrow();
  });
});
