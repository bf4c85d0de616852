import { createHash } from 'node:crypto';
import { PDFDocument, rgb } from 'pdf-lib';
import type { Language } from '../shared/field-labels.js';
import { type Block, parseMarkdownBlocks } from '../shared/markdown-blocks.js';
import { acknowledgementText, boldRuns } from './acknowledgement-catalog.js';
import { CONTENT_WIDTH, FlowWriter, type Fonts, MARGIN, MUTED, printable } from './flow-layout.js';
import { loadFontBytes, sharedFontkit } from './fonts.js';
import './native-deflate.js';
import { drawSignature, embedSignature, type SignatureImage } from './signature-image.js';

export interface SignedPolicyPdfInput {
  /** The policy as shown to the technician: its Markdown text, the hash of that text, its language. */
  policy: { id: string; version: string; title: string; text: string; sha256: string; language?: Language };
  /** The technician's language: the acknowledgement page and footers are printed in it. */
  language?: Language;
  signer: { fullName: string; techId: string };
  /** The drawn signature as PNG bytes (transparent or white background). */
  signaturePng: Uint8Array;
  /** When the submission was accepted: printed in UTC, and as a date in `timeZone`. */
  submittedAt: Date;
  /** IANA zone of the technician's browser, e.g. "America/Chicago"; missing or invalid → UTC. */
  timeZone?: string | null | undefined;
  audit: { reference: string; ip: string | null; userAgent: string | null };
}

export interface SignedPolicyPdf {
  bytes: Uint8Array;
  /** SHA-256 of `bytes`, hex. */
  sha256: string;
  pageCount: number;
  /** The zone the date was printed in (the submitted one, canonical, or "UTC"). */
  timeZone: string;
}

/** Where the PDF is built: inline (`generateSignedPolicyPdf`) or on the worker pool (the server). */
export type RenderSignedPdf = (input: SignedPolicyPdfInput) => Promise<SignedPolicyPdf>;

const MAX_USER_AGENT_LENGTH = 400;

/**
 * pdf-lib draws glyphs at their advance widths and ignores positioning, so computing kerning and
 * mark positions (most of the shaping time) buys nothing. Glyph substitutions stay on.
 */
const GLYPH_ONLY_FEATURES = { kern: false, mark: false, mkmk: false, curs: false };

/**
 * The signed policy: the full policy text (wrapped and paginated on US Letter) followed by an
 * acknowledgement page with the technician's name, tech ID, date, signature and an audit block.
 *
 * Built entirely in memory for each call, with no shared temporary file, so concurrent
 * submissions cannot mix up signatures. DejaVu Sans is embedded (subset), so names in Latin,
 * Cyrillic, Greek or Vietnamese render as typed; whatever a technician typed, markup included,
 * appears as plain text.
 */
export async function generateSignedPolicyPdf(input: SignedPolicyPdfInput): Promise<SignedPolicyPdf> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(sharedFontkit);
  const fontBytes = await loadFontBytes();
  const fonts: Fonts = {
    regular: await doc.embedFont(fontBytes.regular, { subset: true, features: GLYPH_ONLY_FEATURES }),
    bold: await doc.embedFont(fontBytes.bold, { subset: true, features: GLYPH_ONLY_FEATURES }),
  };
  const signature = await embedSignature(doc, input.signaturePng);
  const language = input.language ?? 'en';
  const signingDate = formatSigningDate(input.submittedAt, input.timeZone, language);

  const flow = new FlowWriter(doc, fonts);
  writePolicy(flow, input.policy);
  flow.newPage();
  writeAcknowledgement(flow, input, signature, signingDate);
  drawFooters(flow, input.policy, language);

  doc.setTitle(`BYOV policy acknowledgement ${input.audit.reference}`);
  doc.setSubject(`${input.policy.title}, version ${input.policy.version}`);
  doc.setKeywords([`policy:${input.policy.id}`, `version:${input.policy.version}`, `sha256:${input.policy.sha256}`]);
  doc.setCreator('BYOV Enrollment');
  doc.setProducer('BYOV Enrollment');
  doc.setLanguage(language === 'es' ? 'es-US' : 'en-US');
  doc.setCreationDate(input.submittedAt);
  doc.setModificationDate(input.submittedAt);

  const bytes = await doc.save();
  return {
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    pageCount: doc.getPageCount(),
    timeZone: signingDate.timeZone,
  };
}

/**
 * The calendar date of `at` in `zone`, e.g. "November 23, 2026" (in Spanish "23 de noviembre de
 * 2026"); an unknown zone falls back to UTC.
 */
export function formatSigningDate(
  at: Date,
  zone?: string | null,
  language: Language = 'en',
): { text: string; timeZone: string } {
  const format =
    (zone && zone.length <= 64 && dateFormat(zone, language)) || (dateFormat('UTC', language) as Intl.DateTimeFormat);
  return { text: format.format(at), timeZone: format.resolvedOptions().timeZone };
}

// Building an Intl formatter costs milliseconds; technicians use a handful of zones.
const formats = new Map<string, Intl.DateTimeFormat | null>();

function dateFormat(zone: string, language: Language): Intl.DateTimeFormat | null {
  const key = `${language}:${zone}`;
  let format = formats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(language === 'es' ? 'es-US' : 'en-US', {
        timeZone: zone,
        year: 'numeric',
        month: 'long',
        day: 'numeric',
      });
    } catch {
      format = null;
    }
    if (formats.size >= 500) formats.clear();
    formats.set(key, format);
  }
  return format;
}

const HEADING_SIZE: Record<1 | 2 | 3, number> = { 1: 16, 2: 12.5, 3: 11 };
const BODY_SIZE = 10.5;

function writePolicy(flow: FlowWriter, policy: SignedPolicyPdfInput['policy']): void {
  flow.text([{ text: policy.title }], { size: 9, color: MUTED });
  flow.space(6);
  parseMarkdownBlocks(policy.text).forEach((block, index) => {
    writeBlock(flow, block, index === 0);
  });
}

function writeBlock(flow: FlowWriter, block: Block, first: boolean): void {
  if (block.kind === 'heading') {
    const size = HEADING_SIZE[block.level];
    // Keep a heading with at least two lines of what follows it.
    if (!first) flow.space(size * 0.9, size * 1.4 + BODY_SIZE * 3);
    flow.text(
      block.runs.map((run) => ({ text: run.text, bold: true })),
      { size, leading: 1.3 },
    );
    flow.space(size * 0.3);
    return;
  }
  if (block.kind === 'item') {
    flow.text(block.runs, { size: BODY_SIZE, indent: 16 }, block.marker);
    flow.space(3);
    return;
  }
  flow.text(block.runs, { size: BODY_SIZE });
  flow.space(BODY_SIZE * 0.6);
}

function writeAcknowledgement(
  flow: FlowWriter,
  input: SignedPolicyPdfInput,
  signature: SignatureImage,
  signingDate: { text: string; timeZone: string },
): void {
  const { policy, signer, audit } = input;
  const language = input.language ?? 'en';
  const t = acknowledgementText(language);
  flow.text([{ text: t('heading'), bold: true }], { size: 15, leading: 1.3 });
  flow.space(10);
  flow.text(boldRuns(t('confirm', { title: policy.title, version: policy.version })), { size: BODY_SIZE });
  if (language !== 'en' && (policy.language ?? 'en') === 'en') {
    flow.space(6);
    flow.text([{ text: t('englishPolicy') }], { size: BODY_SIZE });
  }
  flow.space(16);

  const field = (label: string, value: string) => {
    flow.text([{ text: `${label}  `, bold: true }, { text: value }], { size: 11, leading: 1.6 });
  };
  field(t('name'), signer.fullName);
  field(t('techId'), signer.techId);
  field(t('date'), t('dateValue', { date: signingDate.text, zone: signingDate.timeZone }));
  flow.space(10);

  // The signature, fitted into a box with its aspect ratio kept, above a signature line.
  const box = { width: 240, height: 80 };
  const scale = Math.min(box.width / signature.width, box.height / signature.height, 1);
  const size = { width: signature.width * scale, height: signature.height * scale };
  flow.reserve(box.height + 40);
  flow.text([{ text: t('signature'), bold: true }], { size: 11, leading: 1.6 });
  const top = flow.cursorY - 4;
  const page = flow.currentPage;
  drawSignature(page, signature, { x: MARGIN + 8, y: top - box.height + (box.height - size.height), ...size });
  const lineY = top - box.height - 4;
  page.drawLine({ start: { x: MARGIN, y: lineY }, end: { x: MARGIN + box.width + 16, y: lineY }, thickness: 0.8 });
  flow.space(box.height + 22);

  flow.reserve(150);
  flow.text([{ text: t('record'), bold: true }], { size: 11, leading: 1.5 });
  flow.space(2);
  const record = (label: string, value: string) => {
    flow.text([{ text: `${label}: `, bold: true }, { text: value }], { size: 8.5, leading: 1.45, color: MUTED });
  };
  record(t('reference'), audit.reference);
  record(t('submitted'), input.submittedAt.toISOString());
  record(t('ip'), audit.ip ?? t('notRecorded'));
  record(t('userAgent'), truncate(audit.userAgent ?? t('notRecorded'), MAX_USER_AGENT_LENGTH));
  record(t('policy'), t('policyValue', { id: policy.id, version: policy.version }));
  record(t('policyHash'), policy.sha256);
  flow.space(4);
  flow.text([{ text: t('pdfHash') }], {
    size: 8,
    color: MUTED,
  });
}

function drawFooters(flow: FlowWriter, policy: SignedPolicyPdfInput['policy'], language: Language): void {
  const t = acknowledgementText(language);
  const total = flow.pages.length;
  const font = flow.fonts.regular;
  const label = printable(t('footer', { title: policy.title, version: policy.version }));
  flow.pages.forEach((page, index) => {
    const pageLabel = t('page', { page: index + 1, total });
    const size = 7.5;
    const room = CONTENT_WIDTH - font.widthOfTextAtSize(pageLabel, size) - 12;
    page.drawText(
      fitWidth(label, room, (text) => font.widthOfTextAtSize(text, size)),
      {
        x: MARGIN,
        y: 36,
        size,
        font,
        color: MUTED,
      },
    );
    page.drawText(pageLabel, {
      x: MARGIN + CONTENT_WIDTH - font.widthOfTextAtSize(pageLabel, size),
      y: 36,
      size,
      font,
      color: MUTED,
    });
    page.drawLine({
      start: { x: MARGIN, y: 48 },
      end: { x: MARGIN + CONTENT_WIDTH, y: 48 },
      thickness: 0.4,
      color: rgb(0.8, 0.8, 0.82),
    });
  });
}

function fitWidth(text: string, width: number, measure: (text: string) => number): string {
  if (measure(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && measure(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function truncate(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max).join('')}…`;
}
