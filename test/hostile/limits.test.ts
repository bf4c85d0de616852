import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { createDraft, uploadToDraft } from '../support/drafts.js';
import { describeEachEngine } from '../support/engines.js';
import { buildSubmissionForm, makeJpeg, makeSubmissionFiles, validEnrollmentData } from '../support/fixtures.js';

/** Limits that must hold when requests arrive together, slowly, or onto a full disk. */
describeEachEngine('limits under concurrency', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine, {
      MAX_FILE_MB: '0.2',
      MAX_REQUEST_MB: '1',
      RATE_LIMIT_WIZARD_REQUESTS_PER_MINUTE: '100000',
      MAX_UPLOADS_PER_ADDRESS: '100',
    });
  });
  afterAll(() => t.close());

  it("keeps a draft's files within MAX_REQUEST_MB when they are uploaded all at once", async () => {
    const draft = await createDraft(t);
    const photo = (seed: number) => makeJpeg(150_000, seed);
    const uploads = [
      ...['vehicle_front', 'vehicle_back', 'vehicle_left', 'vehicle_right'].map((field, i) => [field, i] as const),
      ...Array.from({ length: 5 }, (_, i) => ['insurance', 10 + i] as const),
      ...Array.from({ length: 5 }, (_, i) => ['registration', 20 + i] as const),
    ];
    const bodies = await Promise.all(uploads.map(([, seed]) => photo(seed)));
    const answers = await Promise.all(
      uploads.map(([field], i) => uploadToDraft(t, draft.resumeCode, field, bodies[i] as Buffer)),
    );
    for (const answer of answers) expect([201, 413]).toContain(answer.statusCode);
    expect(answers.some((a) => a.statusCode === 413)).toBe(true);
    const stored = await t.runtime.db.kysely
      .selectFrom('draft_files')
      .innerJoin('drafts', 'drafts.id', 'draft_files.draft_id')
      .select((eb) => eb.fn.sum<number>('draft_files.size_bytes').as('total'))
      .where('drafts.id', 'in', t.runtime.db.kysely.selectFrom('draft_files').select('draft_id'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.total)).toBeLessThanOrEqual(1024 * 1024);
  });
});

describeEachEngine('open drafts per address', (engine) => {
  let t: TestApp;
  const LIMIT = 3;

  beforeAll(async () => {
    t = await startTestApp(engine, {
      MAX_OPEN_DRAFTS_PER_ADDRESS: String(LIMIT),
      RATE_LIMIT_WIZARD_REQUESTS_PER_MINUTE: '100000',
    });
  });
  afterAll(() => t.close());

  it('starts at most MAX_OPEN_DRAFTS_PER_ADDRESS drafts from one address, even all at once', async () => {
    const create = (ip: string) => t.app.inject({ method: 'POST', url: '/api/drafts', remoteAddress: ip, payload: {} });
    const answers = await Promise.all(Array.from({ length: LIMIT + 5 }, () => create('203.0.113.7')));
    const created = answers.filter((a) => a.statusCode === 201);
    const refused = answers.filter((a) => a.statusCode !== 201);
    expect(created).toHaveLength(LIMIT);
    for (const answer of refused) {
      expect(answer.statusCode).toBe(429);
      expect(answer.json().error.code).toBe('RATE_LIMITED');
    }
    const rows = await t.runtime.db.kysely.selectFrom('drafts').select(['creator_key']).execute();
    expect(rows).toHaveLength(LIMIT);
    // The address is kept only as a keyed hash.
    for (const row of rows) expect(row.creator_key).toMatch(/^[0-9a-f]{64}$/);
    // Another address is not held back by this one.
    expect((await create('198.51.100.9')).statusCode).toBe(201);
  });

  it('lets the address start drafts again once its drafts have expired', async () => {
    await t.runtime.db.kysely.updateTable('drafts').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute();
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/drafts',
      remoteAddress: '203.0.113.7',
      payload: {},
    });
    expect(answer.statusCode).toBe(201);
  });
});

describe('uploads per address and slow bodies', () => {
  let t: TestApp;
  let port: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp('sqlite', {
      MAX_UPLOADS_PER_ADDRESS: '3',
      BODY_SLOW_SECONDS: '1',
      BODY_MIN_KB_PER_SECOND: '4',
    });
    port = Number(new URL(await t.app.listen({ host: '127.0.0.1', port: 0 })).port);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await t.close();
  });

  /** Starts a multipart upload whose body then trickles; resolves with the raw answer when one comes. */
  function startTrickle(byteEveryMs: number): { answer: Promise<string> } {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    const boundary = 'trickle';
    socket.write(
      `POST /api/enrollments HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
        'Content-Length: 1000000\r\n\r\n' +
        `--${boundary}\r\nContent-Disposition: form-data; name="vehicle_front"; filename="a.jpg"\r\n\r\n`,
    );
    const timer = setInterval(() => socket.write('x'), byteEveryMs);
    const answer = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
      });
      socket.on('close', () => {
        clearInterval(timer);
        resolve(text);
      });
      socket.on('error', () => undefined);
    });
    return { answer };
  }

  it('cuts a body trickling slower than the floor with 408 and removes its temp file', async () => {
    const slow = startTrickle(1000);
    const answer = await slow.answer;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('"code":"REQUEST_TIMEOUT"');
    await expect
      .poll(async () => (await t.snapshotState()).files.length === 0 && (await stagingFiles(t)).length === 0)
      .toBe(true);
  });

  it('refuses an address more uploads in progress than MAX_UPLOADS_PER_ADDRESS', async () => {
    const held = Array.from({ length: 3 }, () => startTrickle(50));
    // Give the three a moment to be received before the fourth arrives.
    await expect
      .poll(async () => {
        const response = await fetch(`http://127.0.0.1:${port}/api/enrollments`, {
          method: 'POST',
          body: buildSubmissionForm(validEnrollmentData(), await makeSubmissionFiles(4_000)),
        });
        return response.status;
      })
      .toBe(429);
    for (const socket of sockets) socket.destroy();
    await Promise.all(held.map((h) => h.answer));
    // Once they are gone, the address may upload again.
    await expect
      .poll(async () => {
        const response = await fetch(`http://127.0.0.1:${port}/api/enrollments`, {
          method: 'POST',
          body: buildSubmissionForm(validEnrollmentData({ techId: 'after-1' }), await makeSubmissionFiles(4_000)),
        });
        return response.status;
      })
      .toBe(201);
  });
});

async function stagingFiles(t: TestApp): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  return readdir(t.config.paths.uploadsStaging).catch(() => []);
}

describeEachEngine('a nearly full disk', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    // A threshold above any real free space: the disk counts as full.
    t = await startTestApp(engine, { MIN_FREE_DISK_MB: '100000000' });
  });
  afterAll(() => t.close());

  it('refuses submissions, drafts and uploads with 507 STORAGE_FULL and a clear message', async () => {
    const files = await makeSubmissionFiles(4_000);
    const before = await t.snapshotState();
    const answers = [
      await t.app.inject({
        method: 'POST',
        url: '/api/enrollments',
        payload: buildSubmissionForm(validEnrollmentData(), files),
      }),
      await t.app.inject({ method: 'POST', url: '/api/drafts' }),
    ];
    for (const answer of answers) {
      expect(answer.statusCode, answer.body).toBe(507);
      expect(answer.json().error.code).toBe('STORAGE_FULL');
      expect(answer.json().error.message).toMatch(/disk space/);
    }
    expect(await t.snapshotState()).toEqual(before);
  });

  it('reports it on /health: warn for anyone, the figures for admins', async () => {
    const anonymous = await t.app.inject({ url: '/health' });
    expect(anonymous.json()).toEqual({ status: 'warn', database: engine, schemaVersion: expect.any(Number) });
    const admin = (await t.app.inject({ url: '/health', headers: adminHeaders() })).json();
    expect(admin.storage).toMatchObject({ low: true, minFreeMb: 100000000 });
    expect(admin.storage.freeMb).toBeGreaterThan(0);
  });

  it('keeps reads and sign-in working', async () => {
    expect((await t.app.inject({ url: '/api/admin/enrollments', headers: adminHeaders() })).statusCode).toBe(200);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@example.com', password: 'x'.repeat(12) },
    });
    expect(login.statusCode).toBe(401);
  });
});

describe('a disk that fills up during a write', () => {
  it('answers 507 STORAGE_FULL, not a generic 500', async () => {
    const { toAppError, HTTP_STATUS } = await import('../../src/http/error-response.js');
    for (const code of ['ENOSPC', 'EDQUOT']) {
      const error = toAppError(Object.assign(new Error(`${code}: no space left on device, write`), { code }));
      expect(error.code).toBe('STORAGE_FULL');
      expect(HTTP_STATUS[error.code]).toBe(507);
    }
  });
});
