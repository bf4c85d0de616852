import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerPool, WorkTimedOutError } from '../../src/workers/worker-pool.js';
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
  it('stops a job over its time limit and keeps serving the next one', async () => {
    const temp = await makeTempDir();
    const pool = createWorkerPool({ threads: 1, maxQueue: 4 });
    try {
      const file = path.join(temp.dir, 'sig.png');
      await writeFile(file, (await makeSubmissionFiles(20_000)).signature);
      const job = { file, maxPixels: 1_000_000, detectBlank: true };
      await expect(pool.run('check-image', job, { timeoutMs: 1 })).rejects.toBeInstanceOf(WorkTimedOutError);
      await expect(pool.run('check-image', job, { timeoutMs: 60_000 })).resolves.toMatchObject({
        status: 'ok',
        width: 300,
        height: 100,
        blank: false,
      });
    } finally {
      await pool.close();
      await temp.remove();
    }
  });

  it('refuses work beyond its queue with RATE_LIMITED instead of queueing without end', async () => {
    const temp = await makeTempDir();
    const pool = createWorkerPool({ threads: 1, maxQueue: 2 });
    try {
      const file = path.join(temp.dir, 'sig.png');
      await writeFile(file, (await makeSubmissionFiles(20_000)).signature);
      const job = { file, maxPixels: 1_000_000, detectBlank: true };
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, () => pool.run('check-image', job, { timeoutMs: 60_000 })),
      );
      const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) expect(r.reason).toMatchObject({ code: 'RATE_LIMITED' });
      expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    } finally {
      await pool.close();
      await temp.remove();
    }
  });
});
