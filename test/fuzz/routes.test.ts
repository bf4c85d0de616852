/**
 * Property-based fuzzing of every public and admin route on both engines: generated multipart
 * bodies, JSON values, query strings, headers and cookies must never produce a 5xx, and a
 * refused request must change nothing stored (no row, no file).
 *
 * `npm test` runs a bounded number of cases from a fixed seed, so a failure reproduces;
 * `npm run fuzz` runs many more (FUZZ_RUNS, FUZZ_SEED override both).
 */
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ByovRunner } from '../../src/domain/admin/backups/byov-runner.js';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { createDraft } from '../support/drafts.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles } from '../support/fixtures.js';
import { printedRoutes } from '../support/routes.js';
import { submit } from '../support/submit.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const PARAMS = { numRuns: RUNS, seed: SEED, endOnFailure: true };

/** Failed sign-ins are recorded on purpose; that table is not "stored data" for this check. */
const COUNTERS = new Set(['login_throttles']);

// Backups would start real child processes; the fuzz only needs the route to answer.
const fakeRunner: ByovRunner = async () => ({ exitCode: 1, json: undefined, stderrTail: 'not in the fuzz suite' });

describeEachEngine('fuzzing every route', (engine) => {
  let t: TestApp;
  let routes: { method: string; url: string }[];
  let ids: { enrollment: string; draftCode: string };

  beforeAll(async () => {
    t = await startTestApp(
      engine,
      { MAX_FILE_MB: '0.2', MAX_REQUEST_MB: '1', RATE_LIMIT_WIZARD_REQUESTS_PER_MINUTE: '100000' },
      undefined,
      { runByov: fakeRunner },
    );
    const files = await makeSubmissionFiles(4_000);
    ids = {
      enrollment: (await submit(t, files, { techId: 'FUZZ-1' })).id,
      draftCode: (await createDraft(t)).resumeCode,
    };
    routes = printedRoutes(t.app).filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
  });
  afterAll(() => t.close());

  async function state() {
    const snapshot = await t.snapshotState();
    for (const table of COUNTERS) delete snapshot.rows[table];
    return snapshot;
  }

  /** Sends one request; fails on a 5xx, and on any stored change when it was refused. */
  async function check(request: InjectOptions) {
    const before = await state();
    const response = await t.app.inject(request);
    const label = `${request.method} ${request.url} → ${response.statusCode} ${response.body.slice(0, 300)}`;
    expect(response.statusCode, label).toBeLessThan(500);
    if (response.statusCode >= 400) {
      expect(response.json().error.code, label).toMatch(/^[A-Z_]+$/);
      expect(await state(), label).toEqual(before);
    }
  }

  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom(
      '',
      '\u0000',
      '%',
      '%zz',
      '__proto__',
      'constructor',
      '../../etc/passwd',
      '<script>',
      'é'.repeat(300),
    ),
  );
  const fieldName = fc.oneof(
    fc.constantFrom('data', 'timeZone', 'file', 'signature', 'vehicle_front', 'insurance', '__proto__', 'constructor'),
    fc.string({ maxLength: 20 }),
  );
  const contentType = fc.constantFrom(
    undefined,
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'image/png',
    'application/octet-stream',
  );
  const part = fc.record({
    name: fieldName,
    filename: fc.option(text, { nil: undefined }),
    type: contentType,
    body: fc.oneof(
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
      fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
      fc.constant(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
      fc.constant(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16])),
    ),
  });
  const multipart = fc.record({
    parts: fc.array(part, { maxLength: 6 }),
    cutAt: fc.option(fc.nat(), { nil: undefined }),
    boundaryNoise: fc.boolean(),
  });

  function encodeMultipart(input: {
    parts: (typeof part extends fc.Arbitrary<infer P> ? P : never)[];
    cutAt?: number;
    boundaryNoise: boolean;
  }) {
    const boundary = 'fuzzBoundary7MA4YWxk';
    const chunks: Buffer[] = [];
    for (const p of input.parts) {
      const disposition = [`form-data; name="${p.name.replace(/["\r\n]/g, '')}"`];
      if (p.filename !== undefined) disposition.push(`filename="${p.filename.replace(/["\r\n]/g, '')}"`);
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition.join('; ')}\r\n`));
      if (p.type) chunks.push(Buffer.from(`Content-Type: ${p.type}\r\n`));
      chunks.push(Buffer.from('\r\n'), p.body, Buffer.from('\r\n'));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    let body = Buffer.concat(chunks);
    if (input.cutAt !== undefined) body = body.subarray(0, input.cutAt % (body.length + 1));
    const type = input.boundaryNoise
      ? `multipart/form-data; boundary=${boundary}x`
      : `multipart/form-data; boundary=${boundary}`;
    return { body, type };
  }

  it('multipart submissions', async () => {
    await fc.assert(
      fc.asyncProperty(multipart, async (input) => {
        const { body, type } = encodeMultipart(input);
        await check({ method: 'POST', url: '/api/enrollments', headers: { 'content-type': type }, payload: body });
      }),
      PARAMS,
    );
  });

  it('multipart draft uploads, into real and made-up slots', async () => {
    await fc.assert(
      fc.asyncProperty(multipart, fieldName, async (input, slot) => {
        const { body, type } = encodeMultipart(input);
        const url = `/api/drafts/${ids.draftCode}/files/${encodeURIComponent(slot)}`;
        await check({ method: 'POST', url, headers: { 'content-type': type }, payload: body });
      }),
      PARAMS,
    );
  });

  it('JSON bodies and query strings on every route', async () => {
    const param = fc.oneof(fc.constant('real'), text);
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        param,
        fc.option(fc.jsonValue(), { nil: undefined }),
        fc.dictionary(fc.string({ maxLength: 12 }), text, { maxKeys: 4 }),
        async (index, value, json, query) => {
          const route = routes[index % routes.length] as { method: string; url: string };
          const url = route.url.replace(/:(\w+)|\*/g, (_, name: string | undefined) => {
            if (value !== 'real') return encodeURIComponent(value) || 'x';
            if (name === 'code') return ids.draftCode;
            if (name === 'field') return 'insurance';
            return ids.enrollment;
          });
          const search = new URLSearchParams(query).toString();
          await check({
            method: route.method as InjectOptions['method'],
            url: search ? `${url}?${search}` : url,
            headers: { ...adminHeaders(), ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
            ...(json !== undefined && route.method !== 'GET' && route.method !== 'DELETE'
              ? { payload: JSON.stringify(json) }
              : {}),
          });
        },
      ),
      PARAMS,
    );
  });

  it('headers and cookies on every route', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.record({
          cookie: fc.option(
            fc.oneof(
              text.map((v) => `byov_session=${v}`),
              text,
            ),
            { nil: undefined },
          ),
          authorization: fc.option(
            fc.oneof(
              text.map((v) => `Bearer ${v}`),
              text,
            ),
            { nil: undefined },
          ),
          'x-csrf-token': fc.option(text, { nil: undefined }),
          'content-type': fc.option(fc.oneof(contentType, text), { nil: undefined }),
          'x-forwarded-for': fc.option(text, { nil: undefined }),
        }),
        async (index, headers) => {
          const route = routes[index % routes.length] as { method: string; url: string };
          const url = route.url.replace(/:(\w+)|\*/g, 'x');
          const clean = Object.fromEntries(
            Object.entries(headers).filter(([, v]) => v !== undefined && /^[\t\x20-\x7e]*$/.test(v)),
          ) as Record<string, string>;
          await check({ method: route.method as InjectOptions['method'], url, headers: clean });
        },
      ),
      PARAMS,
    );
  });
});
