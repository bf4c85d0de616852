import { constants, deflateSync } from 'node:zlib';
import { degrees, drawImage, type PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib';
import sharp from 'sharp';

// A signature is a few strokes on an empty canvas: long runs of equal bytes. Run-length
// matching compresses it to within a few percent of the default, about four times faster.
const RUN_LENGTH = { strategy: constants.Z_RLE };

/** A signature image placed in a document once, drawn with `drawSignature`. */
export interface SignatureImage {
  ref: PDFRef;
  width: number;
  height: number;
}

/**
 * Puts the drawn signature into `doc` as an RGB image with its alpha channel as a soft mask.
 * pdf-lib's own `embedPng` decodes and recompresses the pixels in JavaScript, which cost more
 * than the rest of the document together; sharp decodes any PNG (16-bit, palette, grey) natively
 * and zlib compresses natively, with the same result on the page.
 */
export async function embedSignature(doc: PDFDocument, png: Uint8Array): Promise<SignatureImage> {
  const { data, info } = await sharp(png)
    .toColourspace('srgb')
    .ensureAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const pixels = width * height;
  const rgb = Buffer.allocUnsafe(pixels * 3);
  const alpha = Buffer.allocUnsafe(pixels);
  for (let i = 0; i < pixels; i++) {
    rgb[i * 3] = data[i * 4] as number;
    rgb[i * 3 + 1] = data[i * 4 + 1] as number;
    rgb[i * 3 + 2] = data[i * 4 + 2] as number;
    alpha[i] = data[i * 4 + 3] as number;
  }
  const image = (colourSpace: 'DeviceRGB' | 'DeviceGray', bytes: Buffer, extra: Record<string, PDFRef> = {}) =>
    doc.context.register(
      doc.context.stream(deflateSync(bytes, RUN_LENGTH), {
        Type: 'XObject',
        Subtype: 'Image',
        Width: width,
        Height: height,
        ColorSpace: colourSpace,
        BitsPerComponent: 8,
        Filter: 'FlateDecode',
        ...extra,
      }),
    );
  const mask = image('DeviceGray', alpha);
  return { ref: image('DeviceRGB', rgb, { SMask: mask }), width, height };
}

/** Draws `image` with its lower left corner at (x, y), scaled to `width` × `height` points. */
export function drawSignature(
  page: PDFPage,
  image: SignatureImage,
  place: { x: number; y: number; width: number; height: number },
): void {
  const name = page.node.newXObject('Image', image.ref);
  page.pushOperators(...drawImage(name, { ...place, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0) }));
}
