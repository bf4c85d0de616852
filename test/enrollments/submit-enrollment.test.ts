import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { describeEachEngine } from '../support/engines.js';
import {
  makeBlankPng,
  makeJpeg,
  makePdf,
  makeSubmissionFiles,
  type SubmissionFiles,
  validEnrollmentData,
} from '../support/fixtures.js';
import { damageStoredFile, describeEachStore, fileStoreEnv } from '../support/s3-server.js';
import { postEnrollment } from '../support/submit.js';

describeEachStore('POST /api/enrollments', (store) =>
  describeEachEngine('', (engine) => {
    let t: TestApp;
    let files: SubmissionFiles;

    beforeAll(async () => {
      t = await startTestApp(engine, { MAX_FILE_MB: '0.2', MAX_REQUEST_MB: '1', ...(await fileStoreEnv(store)) });
      files = await makeSubmissionFiles(20_000);
    });
    afterAll(() => t.close());

    const submit = (data: unknown, fileSet: Partial<SubmissionFiles> = files, extra: [string, Blob, string][] = []) =>
      postEnrollment(t, data, fileSet, { extra });

    it('stores a complete enrollment with every file, durable and hashed', async () => {
      const response = await submit(validEnrollmentData({ techId: 'happy-1' }));
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toMatchObject({ status: 'pending' });
      expect(body.reference).toMatch(/^BYOV-[0-9A-Z]{8}$/);

      const detail = (await t.app.inject({ url: `/api/admin/enrollments/${body.id}`, headers: adminHeaders() })).json();
      expect(detail.enrollment).toMatchObject({
        techId: 'HAPPY-1',
        state: 'IL',
        vin: '1HGCM82633A004352',
        email: 'lukasz.nunez@example.com',
        fullName: 'Łukasz Nuñez',
        referredBy: null,
        revision: 1,
        status: 'pending',
      });
      // 8 uploaded files plus the signed policy PDF generated on submit.
      expect(detail.documents).toHaveLength(9);
      expect(detail.checklist).toHaveLength(6);
      expect(detail.history.map((e: { action: string }) => e.action)).toEqual(['enrollment.submitted']);
      for (const document of detail.documents) {
        const chunks: Buffer[] = [];
        for await (const chunk of t.runtime.files.read(document.sha256)) chunks.push(chunk as Buffer);
        expect(createHash('sha256').update(Buffer.concat(chunks)).digest('hex')).toBe(document.sha256);
        expect(t.runtime.files.kind).toBe(store);
      }
      const front = detail.documents.find((d: { category: string }) => d.category === 'vehicle_front');
      expect(front.contentType).toBe('image/jpeg');
      const pdfs = detail.documents.filter((d: { contentType: string }) => d.contentType === 'application/pdf');
      expect(pdfs.map((d: { category: string }) => d.category).sort()).toEqual([
        'insurance',
        'registration',
        'signed_policy',
      ]);
    });

    it('streams a stored document back with its detected content type', async () => {
      const created = (await submit(validEnrollmentData({ techId: 'doc-1' }))).json();
      const detail = (
        await t.app.inject({ url: `/api/admin/enrollments/${created.id}`, headers: adminHeaders() })
      ).json();
      const signature = detail.documents.find((d: { category: string }) => d.category === 'signature');
      const response = await t.app.inject({ url: signature.url, headers: adminHeaders() });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/png');
      expect(response.rawPayload.equals(files.signature)).toBe(true);
      expect(response.headers['accept-ranges']).toBe('bytes');

      // A range request gets exactly those bytes from the store (206), a suffix the last ones.
      const size = files.signature.length;
      const part = await t.app.inject({ url: signature.url, headers: { ...adminHeaders(), range: 'bytes=10-29' } });
      expect(part.statusCode).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 10-29/${size}`);
      expect(part.rawPayload.equals(files.signature.subarray(10, 30))).toBe(true);
      const tail = await t.app.inject({ url: signature.url, headers: { ...adminHeaders(), range: 'bytes=-5' } });
      expect(tail.rawPayload.equals(files.signature.subarray(size - 5))).toBe(true);
      // A range past the end is ignored: the whole file.
      const past = await t.app.inject({ url: signature.url, headers: { ...adminHeaders(), range: `bytes=${size}-` } });
      expect(past.statusCode).toBe(200);
      expect(past.rawPayload.equals(files.signature)).toBe(true);

      // A damaged file is refused for a range too, even one that misses the damaged byte.
      const repair = await damageStoredFile(t.runtime.files, signature.sha256, size - 1);
      for (const range of [undefined, 'bytes=0-9', 'bytes=-5']) {
        const refused = await t.app.inject({
          url: signature.url,
          headers: { ...adminHeaders(), ...(range ? { range } : {}) },
        });
        expect(refused.statusCode, String(range)).toBe(409);
        expect(refused.json().error).toMatchObject({ code: 'FILE_DAMAGED' });
      }
      await repair();
      expect(
        (await t.app.inject({ url: signature.url, headers: { ...adminHeaders(), range: 'bytes=0-9' } })).statusCode,
      ).toBe(206);
    });

    describe('refuses bad input with a clear error and changes nothing', () => {
      const cases: [string, () => Promise<{ status: number; code: string; field?: string }>][] = [
        [
          'an invalid VIN check digit',
          async () =>
            expectRefused(
              await submit(validEnrollmentData({ vin: '1HGCM82693A004352' })),
              400,
              'VALIDATION_FAILED',
              'vin',
            ),
        ],
        [
          'a year that contradicts the VIN',
          async () =>
            expectRefused(await submit(validEnrollmentData({ year: 2005 })), 400, 'VALIDATION_FAILED', 'year'),
        ],
        [
          'an expired insurance date',
          async () =>
            expectRefused(
              await submit(validEnrollmentData({ insuranceExpiration: '2020-01-01' })),
              400,
              'VALIDATION_FAILED',
              'insuranceExpiration',
            ),
        ],
        [
          'a wrong type for year',
          async () =>
            expectRefused(
              await submit(validEnrollmentData({ year: 'abc' as unknown as number })),
              400,
              'VALIDATION_FAILED',
              'year',
            ),
        ],
        ['data that is not JSON', async () => expectRefused(await submit('{not json'), 400, 'INVALID_REQUEST', 'data')],
        [
          'a missing photo',
          async () =>
            expectRefused(
              await submit(validEnrollmentData(), { ...files, vehicle_left: undefined } as unknown as SubmissionFiles),
              400,
              'VALIDATION_FAILED',
              'vehicle_left',
            ),
        ],
        [
          'six insurance files',
          async () =>
            expectRefused(
              await submit(validEnrollmentData(), { ...files, insurance: Array(6).fill(makePdf()) }),
              400,
              'VALIDATION_FAILED',
              'insurance',
            ),
        ],
        [
          'a PDF where a photo belongs',
          async () =>
            expectRefused(
              await submit(validEnrollmentData(), { ...files, vehicle_back: makePdf() }),
              415,
              'UNSUPPORTED_FILE_TYPE',
              'vehicle_back',
            ),
        ],
        [
          'a text file renamed .jpg',
          async () =>
            expectRefused(
              await submit(validEnrollmentData(), { ...files, vehicle_front: Buffer.from('hello, I am not a photo') }),
              415,
              'UNSUPPORTED_FILE_TYPE',
              'vehicle_front',
            ),
        ],
        [
          'a truncated JPEG',
          async () =>
            expectRefused(
              await submit(validEnrollmentData(), {
                ...files,
                vehicle_front: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a]),
              }),
              415,
              'UNSUPPORTED_FILE_TYPE',
              'vehicle_front',
            ),
        ],
        [
          'a JPEG signature',
          async () =>
            expectRefused(
              await submit(validEnrollmentData(), { ...files, signature: files.vehicle_front }),
              415,
              'UNSUPPORTED_FILE_TYPE',
              'signature',
            ),
        ],
        [
          'a blank signature',
          async () =>
            expectRefused(
              await submit(validEnrollmentData(), { ...files, signature: await makeBlankPng() }),
              400,
              'VALIDATION_FAILED',
              'signature',
            ),
        ],
        [
          'an empty file',
          async () =>
            expectRefused(
              await submit(validEnrollmentData(), { ...files, registration: [Buffer.alloc(0)] }),
              400,
              'VALIDATION_FAILED',
              'registration',
            ),
        ],
        [
          'an unknown file field',
          async () =>
            expectRefused(
              await submit(validEnrollmentData(), files, [['passport', new Blob([makePdf()]), 'p.pdf']]),
              400,
              'INVALID_REQUEST',
              'passport',
            ),
        ],
        [
          'a file over the per-file limit',
          async () =>
            expectRefused(
              await submit(validEnrollmentData(), { ...files, vehicle_right: await makeJpeg(260_000) }),
              413,
              'FILE_TOO_LARGE',
              'vehicle_right',
            ),
        ],
        [
          'a request over the per-request limit',
          async () =>
            expectRefused(
              await submit(validEnrollmentData(), {
                ...files,
                insurance: [
                  await makeJpeg(190_000, 1),
                  await makeJpeg(190_000, 2),
                  await makeJpeg(190_000, 3),
                  await makeJpeg(190_000, 4),
                  await makeJpeg(190_000, 5),
                ],
                registration: [await makeJpeg(190_000, 6)],
              }),
              413,
              'REQUEST_TOO_LARGE',
            ),
        ],
        [
          'no multipart body',
          async () =>
            expectRefused(
              await t.app.inject({ method: 'POST', url: '/api/enrollments', payload: { fullName: 'x' } }),
              400,
              'INVALID_REQUEST',
            ),
        ],
      ];

      for (const [name, run] of cases) {
        it(name, async () => {
          const before = await t.snapshotState();
          await run();
          expect(await t.snapshotState()).toEqual(before);
        });
      }
    });

    it('answers 429 with an error code when one address submits too often', async () => {
      const limited = await startTestApp(engine, { RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '2' });
      try {
        const statuses = [];
        for (let i = 0; i < 3; i++) {
          const response = await postEnrollment(limited, validEnrollmentData({ techId: `rate-${i}` }), files);
          statuses.push(response.statusCode);
          if (response.statusCode === 429) expect(response.json().error.code).toBe('RATE_LIMITED');
        }
        expect(statuses).toEqual([201, 201, 429]);
      } finally {
        await limited.close();
      }
    });

    it('keeps personal data out of error messages', async () => {
      const response = await submit(validEnrollmentData({ vin: '1HGCM82693A004352', fullName: 'Secret Person' }));
      expect(response.body).not.toContain('1HGCM82693A004352');
      expect(response.body).not.toContain('Secret Person');
    });
  }),
);

function expectRefused(
  response: { statusCode: number; json(): unknown },
  status: number,
  code: string,
  field?: string,
) {
  const body = response.json() as { error: { code: string; message: string; field?: string } };
  expect({ status: response.statusCode, code: body.error.code, field: body.error.field }).toEqual({
    status,
    code,
    field,
  });
  expect(body.error.message.length).toBeGreaterThan(10);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  return { status, code, field };
}
