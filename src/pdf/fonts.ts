import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { Fontkit } from 'pdf-lib/cjs/types/fontkit.js';

type ParsedFont = ReturnType<Fontkit['create']>;
const parsedFonts = new WeakMap<Uint8Array, ParsedFont>();

/**
 * fontkit parses a font from scratch for every document, which costs more than laying out the
 * whole policy. The parsed font is only read afterwards (each document builds its own subset),
 * so one parse per font file serves every document in the process.
 */
export const sharedFontkit: Fontkit = {
  create(buffer, postscriptName) {
    let font = parsedFonts.get(buffer);
    if (!font) {
      font = rememberLayouts(fontkit.create(buffer, postscriptName));
      parsedFonts.set(buffer, font);
    }
    return font;
  },
};

/**
 * The policies' words and lines (about 2,000 strings for the shipped ones) with room to spare.
 * Each document also lays out a dozen strings of its own (name, reference, times) that never
 * come back: kept until the memo is full, they made a server's memory grow by about 16 KB per
 * submission (30 MB over 2,000), so the memo forgets what was used longest ago.
 */
export const MAX_REMEMBERED_LAYOUTS = 4_000;

/**
 * Shaping a string (fontkit's `layout`) is most of the cost of a PDF, and every document lays out
 * the same policy text again. The result depends only on the font, the text and the features, and
 * pdf-lib only reads it, so the shared parsed font remembers it.
 */
function rememberLayouts(font: ParsedFont): ParsedFont {
  const shape = font.layout.bind(font);
  const remembered = new Map<unknown, Map<string, ReturnType<ParsedFont['layout']>>>();
  font.layout = (text, features) => {
    let byText = remembered.get(features);
    if (!byText) {
      byText = new Map();
      remembered.set(features, byText);
    }
    let run = byText.get(text);
    if (run) {
      // A Map iterates in insertion order: re-inserting keeps the least recently used first.
      byText.delete(text);
    } else {
      run = shape(text, features);
      const oldest = byText.size >= MAX_REMEMBERED_LAYOUTS ? byText.keys().next() : undefined;
      if (oldest && !oldest.done) byText.delete(oldest.value);
    }
    byText.set(text, run);
    return run;
  };
  return font;
}

let fontBytes: Promise<{ regular: Uint8Array; bold: Uint8Array }> | undefined;

/** DejaVu Sans from the `dejavu-fonts-ttf` package, read once per process. */
export function loadFontBytes(): Promise<{ regular: Uint8Array; bold: Uint8Array }> {
  if (!fontBytes) {
    const require = createRequire(import.meta.url);
    const read = (name: string) => readFile(require.resolve(`dejavu-fonts-ttf/ttf/${name}`));
    fontBytes = Promise.all([read('DejaVuSans.ttf'), read('DejaVuSans-Bold.ttf')]).then(([regular, bold]) => ({
      regular,
      bold,
    }));
    fontBytes.catch(() => {
      fontBytes = undefined;
    });
  }
  return fontBytes;
}
