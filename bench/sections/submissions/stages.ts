/**
 * CPU milliseconds per submission by stage, so the next bottleneck is visible: each stage of the
 * server's work run here, in this process, on the bench's own submissions, with the product's own
 * code. What the stages do not cover (HTTP, validation, file writes, the database commit) is the
 * server's measured CPU per submission minus their sum.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import { shippedPolicyLibrary } from '../../../src/domain/policy/load-policy-library.js';
import { checkImage } from '../../../src/files/check-image.js';
import { SNIFF_BYTES, sniffContentType } from '../../../src/files/sniff-content-type.js';
import { generateSignedPolicyPdf } from '../../../src/pdf/generate-signed-policy-pdf.js';
import { buildSubmissionForm } from '../../../test/support/fixtures.js';
import { round } from '../../lib/stats.js';
import { listFiles, type Submission, type SubmissionFactory } from './payloads.js';

export type StageCpu = Record<'multipart parse' | 'hash' | 'type sniff' | 'image check' | 'PDF', number>;

/** Process CPU (every thread: sharp decodes on libuv's) per item of `work`, in ms. */
async function cpuPerItem<T>(items: readonly T[], work: (item: T) => Promise<unknown> | unknown): Promise<number> {
  // Warm: first calls load code and fonts, and each state's policy is laid out once per process.
  for (const item of items) await work(item);
  const start = process.cpuUsage();
  for (const item of items) await work(item);
  const used = process.cpuUsage(start);
  return round((used.user + used.system) / 1000 / items.length, 1);
}

async function multipartCpu(submissions: readonly Submission[]): Promise<number> {
  const app = Fastify();
  await app.register(multipart, { limits: { fileSize: 64 * 1024 * 1024 } });
  app.post('/', async (request) => {
    for await (const part of request.parts()) if (part.type === 'file') await part.toBuffer();
    return {};
  });
  const bodies = await Promise.all(
    submissions.map(async (s) => {
      const response = new Response(buildSubmissionForm(s.data, s.files));
      return {
        payload: Buffer.from(await response.arrayBuffer()),
        headers: { 'content-type': response.headers.get('content-type') as string },
      };
    }),
  );
  try {
    return await cpuPerItem(bodies, (body) => app.inject({ method: 'POST', url: '/', ...body }));
  } finally {
    await app.close();
  }
}

async function imageCheckCpu(submissions: readonly Submission[]): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), 'byov-bench-stages-'));
  try {
    const images = await Promise.all(
      submissions.map(async (s, index) => {
        const files = listFiles(s.files).filter(
          (bytes) => sniffContentType(bytes.subarray(0, SNIFF_BYTES)) !== 'application/pdf',
        );
        return Promise.all(
          files.map(async (bytes, position) => {
            const file = path.join(dir, `${index}-${position}`);
            await writeFile(file, bytes);
            return { file, signature: bytes === s.files.signature };
          }),
        );
      }),
    );
    return await cpuPerItem(images, async (list) => {
      for (const { file, signature } of list)
        await checkImage({ file, maxPixels: 50_000_000, detectBlank: signature, timeoutMs: 60_000 });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function pdfCpu(submissions: readonly Submission[]): Promise<number> {
  const library = await shippedPolicyLibrary();
  return cpuPerItem(submissions, (s) => {
    const data = s.data as { fullName: string; techId: string; state: string };
    const { id, version, title, text, sha256, language } = library.forState(data.state);
    return generateSignedPolicyPdf({
      policy: { id, version, title, text, sha256, language },
      signer: { fullName: data.fullName, techId: data.techId },
      signaturePng: s.files.signature,
      submittedAt: new Date(),
      timeZone: 'America/Chicago',
      audit: { reference: s.techId, ip: '203.0.113.1', userAgent: 'bench' },
    });
  });
}

export async function measureStageCpu(factory: SubmissionFactory, count: number): Promise<StageCpu> {
  const submissions = Array.from({ length: count }, (_, i) => factory.build(1_000_000 + i));
  return {
    'multipart parse': await multipartCpu(submissions),
    hash: await cpuPerItem(submissions, (s) => {
      for (const bytes of listFiles(s.files)) createHash('sha256').update(bytes).digest();
    }),
    'type sniff': await cpuPerItem(submissions, (s) => {
      for (const bytes of listFiles(s.files)) sniffContentType(bytes.subarray(0, SNIFF_BYTES));
    }),
    'image check': await imageCheckCpu(submissions),
    PDF: await pdfCpu(submissions),
  };
}

/** "multipart parse 4.1, hash 2.2, …, the rest (HTTP, validation, writes, commit) 20" in ms. */
export function describeStageCpu(stages: StageCpu, serverMsPerSubmission: number | null): string {
  const listed = Object.entries(stages).map(([name, ms]) => `${name} ${ms}`);
  const sum = Object.values(stages).reduce((a, b) => a + b, 0);
  const rest =
    serverMsPerSubmission === null
      ? []
      : [`the rest (HTTP, validation, file writes, commit) ${round(Math.max(0, serverMsPerSubmission - sum), 1)}`];
  return [...listed, ...rest].join(', ');
}
