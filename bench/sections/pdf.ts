/**
 * Time to generate the signed policy PDF of one enrollment: the shipped Illinois policy, a
 * Unicode name and a real signature PNG (drawn strokes at a phone's pixel density, made by
 * sharp), as every submission does. The first call in the process is reported on its own (it
 * reads and parses the fonts); then 50 calls after a warm-up give p50/p99 and PDFs per second.
 *
 * Baselines in the same run: pdf-lib creating and saving an empty one-page PDF (the floor of
 * any pdf-lib document), and JSON.stringify + SHA-256 of the same policy text and signer (the
 * cost of recording what was signed without rendering it).
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { shippedPolicyLibrary } from '../../src/domain/policy/load-policy-library.js';
import { generateSignedPolicyPdf, type SignedPolicyPdfInput } from '../../src/pdf/generate-signed-policy-pdf.js';
import { round, roundSummary, summarize, timeMs } from '../lib/stats.js';
import { type BenchContext, type BenchSection, benchRow, type SectionResult } from '../lib/types.js';

const SECTION = 'pdf';
const FULL = { warmUp: 5, iterations: 50 };
const QUICK = { warmUp: 2, iterations: 10 };

/**
 * A signature as signature_pad exports it from a phone: a 300x100 CSS-pixel canvas at a device
 * pixel ratio of 3, dark strokes on a transparent background.
 */
async function makeSignature(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="300">
    <g fill="none" stroke="#111" stroke-width="7" stroke-linecap="round" stroke-linejoin="round">
      <path d="M40 210 C 70 60, 120 50, 130 190 S 190 240, 220 120 S 280 40, 300 200"/>
      <path d="M330 190 C 360 120, 400 110, 420 180 C 440 240, 470 90, 510 150 S 560 230, 600 140"/>
      <path d="M620 170 C 660 100, 700 260, 740 150 S 820 90, 860 180"/>
      <path d="M120 250 L 780 235"/>
    </g></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function emptyOnePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  return doc.save();
}

/** `iterations` samples of `work` after `warmUp` unmeasured calls. */
async function sample(plan: { warmUp: number; iterations: number }, work: () => Promise<unknown>): Promise<number[]> {
  for (let n = 0; n < plan.warmUp; n++) await work();
  const samples: number[] = [];
  for (let n = 0; n < plan.iterations; n++) samples.push(await timeMs(work));
  return samples;
}

async function runSection(context: BenchContext): Promise<SectionResult> {
  const plan = context.quick ? QUICK : FULL;
  const policy = (await shippedPolicyLibrary()).forState('IL');
  const signaturePng = await makeSignature();
  const input: SignedPolicyPdfInput = {
    policy,
    signer: { fullName: 'Łukasz Nuñez', techId: 'IL-104233' },
    signaturePng,
    submittedAt: new Date('2026-11-24T15:04:05.000Z'),
    timeZone: 'America/Chicago',
    audit: {
      reference: 'BYOV-7K3QM2XD',
      ip: '203.0.113.9',
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Safari/604.1',
    },
  };

  context.log(`${SECTION}: first (cold) call, then ${plan.warmUp} warm-up and ${plan.iterations} measured calls`);
  let firstPdf: Awaited<ReturnType<typeof generateSignedPolicyPdf>> | undefined;
  const coldMs = await timeMs(async () => {
    firstPdf = await generateSignedPolicyPdf(input);
  });
  if (
    !firstPdf ||
    Buffer.from(firstPdf.bytes.subarray(0, 5)).toString('latin1') !== '%PDF-' ||
    firstPdf.pageCount < 2
  ) {
    throw new Error('generateSignedPolicyPdf did not return a multi-page PDF');
  }
  const product = summarize(await sample(plan, () => generateSignedPolicyPdf(input)));

  context.log(`${SECTION}: baselines: empty one-page pdf-lib PDF, JSON.stringify + SHA-256`);
  const empty = summarize(await sample(plan, emptyOnePagePdf));
  const record = summarize(
    await sample(plan, async () =>
      createHash('sha256')
        .update(JSON.stringify({ policy: policy.text, id: policy.id, version: policy.version, signer: input.signer }))
        .digest('hex'),
    ),
  );

  const perSecond = (s: { meanMs: number }) => 1000 / s.meanMs;
  return {
    rows: [
      benchRow(SECTION, 'signed policy PDF, first (cold) call', coldMs, 'ms', {
        name: 'warm p50',
        value: product.p50Ms,
      }),
      benchRow(SECTION, 'signed policy PDF p50', product.p50Ms, 'ms', {
        name: 'empty 1-page pdf-lib p50',
        value: empty.p50Ms,
      }),
      benchRow(SECTION, 'signed policy PDF p99', product.p99Ms, 'ms', {
        name: 'empty 1-page pdf-lib p99',
        value: empty.p99Ms,
      }),
      benchRow(SECTION, 'signed policy PDFs per second (1 core)', perSecond(product), 'pdf/s', {
        name: 'empty 1-page pdf-lib',
        value: perSecond(empty),
      }),
      benchRow(SECTION, 'signed policy PDF p50 vs hashing the text', product.p50Ms, 'ms', {
        name: 'JSON.stringify+SHA-256 p50',
        value: record.p50Ms,
      }),
    ],
    details: {
      policy: { id: policy.id, version: policy.version, textCharacters: policy.text.length },
      signaturePngBytes: signaturePng.length,
      pdfBytes: firstPdf.bytes.length,
      pageCount: firstPdf.pageCount,
      coldMs: round(coldMs),
      iterations: plan.iterations,
      warmUp: plan.warmUp,
      product: roundSummary(product),
      emptyOnePagePdf: roundSummary(empty),
      jsonAndSha256: roundSummary(record),
    },
    notes: [
      `${SECTION}: ${firstPdf.pageCount} pages, ${round(firstPdf.bytes.length / 1024, 1)} KB per PDF ` +
        `(policy ${policy.id} v${policy.version}, signature PNG ${round(signaturePng.length / 1024, 1)} KB)`,
    ],
  };
}

export const pdfSection: BenchSection = {
  name: SECTION,
  description: 'Signed policy PDF generation per enrollment (Unicode name, real signature PNG)',
  run: runSection,
};
