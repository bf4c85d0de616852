import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedPolicyLibrary } from '../../src/domain/policy/load-policy-library.js';
import type { SignedPolicyPdfInput } from '../../src/pdf/generate-signed-policy-pdf.js';
import { createWorkerPool, type WorkerPool, WorkTimedOutError } from '../../src/workers/worker-pool.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { createDraft, uploadToDraft } from '../support/drafts.js';
import { makeTempDir } from '../support/engines.js';
import {
  buildSubmissionForm,
  makeSubmissionFiles,
  type SubmissionFiles,
  validEnrollmentData,
} from '../support/fixtures.js';
import { makeHugePng } from './hostile-files.js';

// Image checks do not touch the database, so one engine is enough here.
describe('huge images', () => {
  let t: TestApp;
  let files: SubmissionFiles;
  let bomb: Buffer;

  beforeAll(async () => {
    t = await startTestApp('sqlite', { MAX_FILE_MB: '2', MAX_REQUEST_MB: '8' });
    files = await makeSubmissionFiles(20_000);
    bomb = await makeHugePng(16_000);
  });
  afterAll(() => t.close());

  const submit = (fileSet: Partial<SubmissionFiles>, techId = 'bomb-1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/enrollments',
      payload: buildSubmissionForm(validEnrollmentData({ techId }), fileSet),
    });

  it('refuses a 16000×16000 signature from its header, with 413 and nothing stored', async () => {
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = await t.snapshotState();
    const response = await submit({ ...files, signature: bomb });
    expect(response.statusCode, response.body).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'FILE_TOO_LARGE', field: 'signature' });
    expect(response.json().error.message).toMatch(/16000×16000 pixels/);
    const draft = await createDraft(t);
    expect((await uploadToDraft(t, draft.resumeCode, 'signature', bomb)).statusCode).toBe(413);
    const after = await t.snapshotState();
    expect(after.files).toEqual(before.files);
    expect(after.rows.enrollments).toBe(before.rows.enrollments);
  });

  it('keeps answering /health and a normal submission while ten of them are in flight', async () => {
    const bombs = Array.from({ length: 10 }, (_, i) => submit({ ...files, signature: bomb }, `bomb-${i}`));
    const health = t.app.inject({ url: '/health' });
    const normal = submit(files, 'normal-1');
    const [healthAnswer, normalAnswer] = await Promise.all([health, normal]);
    expect(healthAnswer.statusCode).toBe(200);
    expect(normalAnswer.statusCode, normalAnswer.body).toBe(201);
    for (const answer of await Promise.all(bombs)) expect([413, 429]).toContain(answer.statusCode);
  });

  it('refuses a photo over IMAGE_MAX_MEGAPIXELS the same way', async () => {
    const other = await startTestApp('sqlite', { IMAGE_MAX_MEGAPIXELS: '50' });
    try {
      const photo = await makeHugePng(8_000);
      const response = await other.app.inject({
        method: 'POST',
        url: '/api/enrollments',
        payload: buildSubmissionForm(validEnrollmentData(), { ...files, vehicle_front: photo }),
      });
      expect(response.statusCode, response.body).toBe(413);
      expect(response.json().error).toMatchObject({ code: 'FILE_TOO_LARGE', field: 'vehicle_front' });
    } finally {
      await other.close();
    }
  });
});

describe('the worker pool', () => {
  /** A pool of one thread (two image checks at once) and a folder for its files, both removed after. */
  async function withPool(maxQueue: number, work: (pool: WorkerPool, write: WriteFile) => Promise<void>) {
    const temp = await makeTempDir();
    const pool = createWorkerPool({ threads: 1, maxQueue });
    try {
      await work(pool, async (name, bytes) => {
        const file = path.join(temp.dir, name);
        await writeFile(file, bytes);
        return file;
      });
    } finally {
      await pool.close();
      await temp.remove();
    }
  }
  const signatureJob = async (write: WriteFile) => ({
    file: await write('sig.png', (await makeSubmissionFiles(20_000)).signature),
    maxPixels: 1_000_000,
    detectBlank: true,
    timeoutMs: 60_000,
  });
  /** A check whose decode takes far longer than 50 ms (a 9-megapixel PNG through libvips' statistics). */
  const slowJob = async (write: WriteFile) => ({
    file: await write('large.png', await makeHugePng(3_000)),
    maxPixels: 50_000_000,
    detectBlank: false,
    timeoutMs: 600_000,
  });

  it('stops a job over its time limit and keeps serving the next one', () =>
    withPool(4, async (pool, write) => {
      const job = await signatureJob(write);
      await expect(pool.run('check-image', job, { timeoutMs: 1 })).rejects.toBeInstanceOf(WorkTimedOutError);
      await expect(pool.run('check-image', job, { timeoutMs: 60_000 })).resolves.toMatchObject({
        status: 'ok',
        width: 300,
        height: 100,
        blank: false,
      });
    }));

  it('stops waiting for an image check at its limit, and lets the next job have its place', () =>
    withPool(4, async (pool, write) => {
      const job = await slowJob(write);
      // Two jobs per thread: the slow ones fill the pool; the third waits for a place.
      const slow = [1, 2].map(() => pool.run('check-image', job, { timeoutMs: 50 }));
      const next = pool.run('check-image', job, { timeoutMs: 600_000 });
      for (const answer of slow) await expect(answer).rejects.toBeInstanceOf(WorkTimedOutError);
      await expect(next).resolves.toMatchObject({ status: 'ok', width: 3_000, height: 3_000 });
    }));

  it('stopping a PDF over its time limit never stops an image check that runs beside it', () =>
    withPool(4, async (pool, write) => {
      const job = await slowJob(write);
      await pool.run('check-image', { ...job, maxPixels: 1 }, { timeoutMs: 600_000 }); // the thread is up
      // The check decodes; the PDF, stopped at once, must not take the check's thread with it.
      const check = pool.run('check-image', job, { timeoutMs: 600_000 });
      const pdf = pool.run('signed-policy-pdf', await pdfInput(), { timeoutMs: 1 });
      await expect(pdf).rejects.toBeInstanceOf(WorkTimedOutError);
      await expect(check).resolves.toMatchObject({ status: 'ok', width: 3_000, height: 3_000 });
    }));

  it('refuses work beyond its queue with RATE_LIMITED instead of queueing without end', () =>
    withPool(2, async (pool, write) => {
      const job = await signatureJob(write);
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, () => pool.run('check-image', job, { timeoutMs: 60_000 })),
      );
      const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) expect(r.reason).toMatchObject({ code: 'RATE_LIMITED' });
      expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    }));
});

type WriteFile = (name: string, bytes: Buffer) => Promise<string>;

async function pdfInput(): Promise<SignedPolicyPdfInput> {
  const { id, version, title, text, sha256, language } = (await shippedPolicyLibrary()).forState('WA');
  return {
    policy: { id, version, title, text, sha256, language },
    language: 'en',
    signer: { fullName: 'Pat Doe', techId: 'T-1' },
    signaturePng: (await makeSubmissionFiles(20_000)).signature,
    submittedAt: new Date('2026-11-30T18:45:00.000Z'),
    timeZone: 'UTC',
    audit: { reference: 'BYOV-POOL0002', ip: null, userAgent: null },
  };
}
