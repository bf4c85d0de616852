/**
 * Turns the signature into the PNG stored with the enrollment: dark ink on a transparent
 * background. Rendering from the saved strokes (rather than reading the on-screen canvas)
 * works even after the pad has been unmounted by a step change.
 */
import SignaturePad from 'signature_pad';
import type { SignatureState } from '../state/types.js';

/** Stored at twice the drawn size so the signed PDF stays sharp when printed. */
const OUTPUT_SCALE = 2;
const DEFAULT_PAD = { width: 600, height: 200 };
export const SIGNATURE_FONT = '"Dancing Script", cursive';
export const INK_COLOR = '#0b1f4b';

function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob), 'image/png'));
}

function renderStrokes(signature: SignatureState): HTMLCanvasElement {
  const size = signature.padSize.width > 0 ? signature.padSize : DEFAULT_PAD;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(size.width * OUTPUT_SCALE);
  canvas.height = Math.round(size.height * OUTPUT_SCALE);
  canvas.getContext('2d')?.scale(OUTPUT_SCALE, OUTPUT_SCALE);
  const pad = new SignaturePad(canvas);
  pad.fromData(signature.strokes);
  pad.off();
  return canvas;
}

/** Draws a typed name in the signature font, shrinking the font until the name fits. */
export async function renderTypedName(name: string, width = 600, height = 160): Promise<HTMLCanvasElement> {
  const canvas = document.createElement('canvas');
  canvas.width = width * OUTPUT_SCALE;
  canvas.height = height * OUTPUT_SCALE;
  const context = canvas.getContext('2d');
  if (!context) return canvas;
  context.scale(OUTPUT_SCALE, OUTPUT_SCALE);
  let fontSize = 64;
  // The font file is only fetched once text needs it; wait so the canvas never falls back.
  await document.fonts?.load(`${fontSize}px ${SIGNATURE_FONT}`, name).catch(() => undefined);
  context.font = `${fontSize}px ${SIGNATURE_FONT}`;
  while (fontSize > 20 && context.measureText(name).width > width - 40) {
    fontSize -= 4;
    context.font = `${fontSize}px ${SIGNATURE_FONT}`;
  }
  context.fillStyle = INK_COLOR;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillText(name, width / 2, height / 2);
  return canvas;
}

/** The signature as a PNG, or null when there is nothing signed. */
export async function renderSignaturePng(signature: SignatureState): Promise<Blob | null> {
  if (signature.mode === 'type') {
    const name = signature.typedName.trim();
    return name === '' ? null : canvasToPng(await renderTypedName(name));
  }
  if (signature.strokes.length === 0) return null;
  return canvasToPng(renderStrokes(signature));
}
