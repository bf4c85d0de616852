import { type PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';

/** US Letter in PDF points (1/72 inch). */
export const PAGE_WIDTH = 612;
export const PAGE_HEIGHT = 792;
export const MARGIN = 72;
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const BOTTOM = 64;

export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.38, 0.38, 0.42);

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

export interface Segment {
  text: string;
  bold?: boolean;
}

interface PlacedSegment {
  text: string;
  font: PDFFont;
  width: number;
}

export interface TextStyle {
  size: number;
  /** Line height as a multiple of the size. */
  leading?: number;
  color?: ReturnType<typeof rgb>;
  /** Extra left indent for every line, in points. */
  indent?: number;
}

/**
 * Removes characters that would corrupt the layout or the PDF text (control characters, including
 * newlines typed into a one-line field). Everything else, markup included, is drawn literally.
 */
export function printable(text: string): string {
  // NFC turns letters typed as base + combining mark (common for Vietnamese) into the single
  // characters the font has glyphs for.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return text.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

/**
 * Writes wrapped text top to bottom, starting a new page when the current one is full. Words
 * longer than a line are broken between characters rather than running off the page.
 */
export class FlowWriter {
  private page: PDFPage;
  private y: number;
  readonly pages: PDFPage[] = [];

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.page = this.addPage();
    this.y = PAGE_HEIGHT - MARGIN;
  }

  get currentPage(): PDFPage {
    return this.page;
  }

  get cursorY(): number {
    return this.y;
  }

  newPage(): void {
    this.page = this.addPage();
    this.y = PAGE_HEIGHT - MARGIN;
  }

  /** Moves down; a new page starts if less than `keepWithNext` points would remain below. */
  space(points: number, keepWithNext = 0): void {
    this.y -= points;
    if (this.y - keepWithNext < BOTTOM) this.newPage();
  }

  /** Makes sure `height` points fit on this page, starting a new one if not. */
  reserve(height: number): void {
    if (this.y - height < BOTTOM) this.newPage();
  }

  /** Draws wrapped text; `marker` (a bullet or number) hangs left of the indented lines. */
  text(segments: Segment[], style: TextStyle, marker?: string): void {
    const leading = style.size * (style.leading ?? 1.4);
    const indent = style.indent ?? 0;
    const lines = this.wrap(segments, style.size, CONTENT_WIDTH - indent);
    lines.forEach((line, index) => {
      this.reserve(leading);
      this.y -= leading;
      const baseline = this.y + (leading - style.size) / 2;
      const color = style.color ?? INK;
      if (marker && index === 0) {
        const markerWidth = measure(this.fonts.regular, marker, style.size);
        this.page.drawText(marker, {
          x: MARGIN + indent - markerWidth - 5,
          y: baseline,
          size: style.size,
          font: this.fonts.regular,
          color,
        });
      }
      let x = MARGIN + indent;
      for (const segment of line) {
        if (segment.text !== '') {
          this.page.drawText(segment.text, { x, y: baseline, size: style.size, font: segment.font, color });
        }
        x += segment.width;
      }
    });
  }

  private wrap(segments: Segment[], size: number, width: number): PlacedSegment[][] {
    const lines: PlacedSegment[][] = [];
    let line: PlacedSegment[] = [];
    let lineWidth = 0;
    const push = (text: string, font: PDFFont) => {
      const w = measure(font, text, size);
      const last = line.at(-1);
      if (last && last.font === font) {
        last.text += text;
        last.width += w;
      } else {
        line.push({ text, font, width: w });
      }
      lineWidth += w;
    };
    const breakLine = () => {
      const last = line.at(-1);
      if (last?.text.endsWith(' ')) {
        last.text = last.text.slice(0, -1);
        last.width -= measure(last.font, ' ', size);
      }
      lines.push(line);
      line = [];
      lineWidth = 0;
    };
    for (const segment of segments) {
      const font = segment.bold ? this.fonts.bold : this.fonts.regular;
      for (const word of printable(segment.text).split(/(\s+)/)) {
        if (word === '') continue;
        if (/^\s+$/.test(word)) {
          if (line.length > 0 && !line.at(-1)?.text.endsWith(' ')) push(' ', font);
          continue;
        }
        const w = measure(font, word, size);
        if (lineWidth + w > width && line.length > 0) breakLine();
        if (w <= width) {
          push(word, font);
          continue;
        }
        // A word wider than the whole line (a long user agent, a hash): break it by characters.
        for (const character of word) {
          const cw = measure(font, character, size);
          if (lineWidth + cw > width && line.length > 0) breakLine();
          push(character, font);
        }
      }
    }
    if (line.length > 0) breakLine();
    return lines;
  }

  private addPage(): PDFPage {
    const page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(page);
    return page;
  }
}

const widthCache = new WeakMap<PDFFont, Map<string, number>>();

/**
 * Text width in points. Measuring runs the font's shaping engine, which is slow, and policy
 * text repeats the same words constantly, so widths are remembered per font (at size 1).
 */
export function measure(font: PDFFont, text: string, size: number): number {
  let widths = widthCache.get(font);
  if (!widths) {
    widths = new Map();
    widthCache.set(font, widths);
  }
  let unit = widths.get(text);
  if (unit === undefined) {
    unit = font.widthOfTextAtSize(text, 1);
    widths.set(text, unit);
  }
  return unit * size;
}
