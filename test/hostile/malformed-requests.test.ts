import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { createDraft, uploadToDraft } from '../support/drafts.js';
import { describeEachEngine } from '../support/engines.js';
import {
  buildSubmissionForm,
  makeJpeg,
  makeSignaturePng,
  makeSubmissionFiles,
  type SubmissionFiles,
  validEnrollmentData,
} from '../support/fixtures.js';

/** Every malformed request found by the outside review answers a 4xx with a code and changes nothing. */
describeEachEngine('malformed requests', (engine) => {
  let t: TestApp;
  let files: SubmissionFiles;

  beforeAll(async () => {
    t = await startTestApp(engine, { MAX_FILE_MB: '0.2', MAX_REQUEST_MB: '1' });
    files = await makeSubmissionFiles(20_000);
  });
  afterAll(() => t.close());

  async function expectRefusedUnchanged(send: () => Promise<{ statusCode: number; body: string }>, status?: number) {
    const before = await t.snapshotState();
    const response = await send();
    expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
    expect(response.statusCode, response.body).toBeLessThan(500);
    if (status) expect(response.statusCode, response.body).toBe(status);
    const body = JSON.parse(response.body) as { error: { code: string; message: string } };
    expect(body.error.code).toMatch(/^[A-Z_]+$/);
    expect(await t.snapshotState()).toEqual(before);
    return body.error;
  }

  const submit = (data: unknown, fileSet: Partial<SubmissionFiles> = files) =>
    t.app.inject({ method: 'POST', url: '/api/enrollments', payload: buildSubmissionForm(data, fileSet) });

  describe('session cookie', () => {
    for (const value of ['%', '%E0%A4%A', 'abc%zz']) {
      it(`a malformed cookie (${value}) is "not signed in", and logout clears it`, async () => {
        const cookie = `byov_session=${value}`;
        const session = await t.app.inject({ url: '/api/auth/session', headers: { cookie } });
        expect(session.statusCode).toBe(401);
        const admin = await t.app.inject({ url: '/api/admin/enrollments', headers: { cookie } });
        expect(admin.statusCode).toBe(401);
        const logout = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
        expect(logout.statusCode).toBe(204);
        expect(String(logout.headers['set-cookie'])).toMatch(/^byov_session=;.*Max-Age=0/);
      });
    }
  });

  describe('the data part', () => {
    const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    for (const [name, data] of [
      ['an empty array', '[]'],
      ['a deeply nested array', deep(5000)],
      ['a deeply nested object', `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`],
      ['null', 'null'],
      ['a number', '42'],
    ] as const) {
      it(`${name} is refused with a 400`, async () => {
        const error = await expectRefusedUnchanged(() => submit(data), 400);
        expect(error.message).not.toMatch(/stack|TypeError|at /);
      });
    }

    it('is read like a plain part when declared application/json, with or without a charset', async () => {
      for (const type of ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON;charset=UTF-8']) {
        const form = new FormData();
        form.append(
          'data',
          new Blob([JSON.stringify(validEnrollmentData({ techId: `json-${type.length}` }))], { type }),
        );
        for (const [field, value] of Object.entries(files)) {
          for (const buffer of [value].flat() as Buffer[]) form.append(field, new Blob([buffer]), `${field}.bin`);
        }
        const response = await t.app.inject({ method: 'POST', url: '/api/enrollments', payload: form });
        expect(response.statusCode, `${type}: ${response.body}`).toBe(201);
      }
    });

    it('a data part declared with another type is refused', async () => {
      const form = new FormData();
      form.append('data', new Blob([JSON.stringify(validEnrollmentData())], { type: 'image/png' }));
      await expectRefusedUnchanged(() => t.app.inject({ method: 'POST', url: '/api/enrollments', payload: form }), 400);
    });
  });

  describe('NUL characters', () => {
    it('in any text field are refused with a clear message, on both engines', async () => {
      for (const field of ['fullName', 'comment', 'make', 'plate']) {
        const error = await expectRefusedUnchanged(() => submit(validEnrollmentData({ [field]: 'Ab\u0000cd' })), 400);
        expect(error.message).toMatch(/control character|NUL|not allowed/i);
      }
    });

    it('in a draft save are refused, so a draft can always be submitted', async () => {
      const draft = await createDraft(t);
      await expectRefusedUnchanged(
        () =>
          t.app.inject({
            method: 'PUT',
            url: `/api/drafts/${draft.resumeCode}`,
            payload: { data: { fullName: 'A\u0000B' } },
          }),
        400,
      );
      await expectRefusedUnchanged(
        () => t.app.inject({ method: 'POST', url: '/api/drafts', payload: { data: { comment: '\u0000' } } }),
        400,
      );
    });

    it('in a search query is refused or ignored, never a 500', async () => {
      const response = await t.app.inject({ url: '/api/admin/enrollments?q=a%00b', headers: adminHeaders() });
      expect(response.statusCode).toBeLessThan(500);
    });
  });

  describe('draft file slots', () => {
    for (const field of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      it(`a slot named ${field} is refused with a 400`, async () => {
        const draft = await createDraft(t);
        const error = await expectRefusedUnchanged(
          () => uploadToDraft(t, draft.resumeCode, field, Buffer.from('x')),
          400,
        );
        expect(error.code).toBe('INVALID_REQUEST');
      });
    }

    it('a submission part named __proto__ or constructor is refused with a 400', async () => {
      for (const field of ['constructor', '__proto__']) {
        const extra: [string, Blob, string][] = [[field, new Blob([Buffer.from('x')]), 'x.bin']];
        await expectRefusedUnchanged(
          () =>
            t.app.inject({
              method: 'POST',
              url: '/api/enrollments',
              payload: buildSubmissionForm(validEnrollmentData(), files, extra),
            }),
          400,
        );
      }
    });
  });

  describe('damaged images', () => {
    it('a PNG signature cut to 200 bytes is refused with 415', async () => {
      const signature = (await makeSignaturePng()).subarray(0, 200);
      await expectRefusedUnchanged(() => submit(validEnrollmentData(), { ...files, signature }), 415);
      const draft = await createDraft(t);
      await expectRefusedUnchanged(() => uploadToDraft(t, draft.resumeCode, 'signature', signature), 415);
    });

    it('a truncated JPEG (its first 3,000 bytes) is refused as a vehicle photo with 415', async () => {
      const photo = (await makeJpeg(20_000, 7)).subarray(0, 3000);
      await expectRefusedUnchanged(() => submit(validEnrollmentData(), { ...files, vehicle_front: photo }), 415);
      const draft = await createDraft(t);
      await expectRefusedUnchanged(() => uploadToDraft(t, draft.resumeCode, 'vehicle_front', photo), 415);
    });
  });

  describe('multipart bodies', () => {
    const boundary = '----byovfuzz';
    const send = (payload: string | Buffer, url = '/api/enrollments') =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });

    it('garbage is refused with a 400', async () => {
      await expectRefusedUnchanged(() => send('this is not multipart at all'), 400);
      await expectRefusedUnchanged(() => send(Buffer.from([0, 1, 2, 255, 254, 13, 10, 45, 45])), 400);
    });

    it('a body cut off in the middle of a file is refused with a 400 and leaves nothing staged', async () => {
      const form = buildSubmissionForm(validEnrollmentData(), files);
      const request = new Request('http://x/', { method: 'POST', body: form });
      const full = Buffer.from(await request.arrayBuffer());
      const type = request.headers.get('content-type') as string;
      for (const cut of [40, Math.floor(full.length / 2), full.length - 10]) {
        await expectRefusedUnchanged(
          () =>
            t.app.inject({
              method: 'POST',
              url: '/api/enrollments',
              headers: { 'content-type': type },
              payload: full.subarray(0, cut),
            }),
          400,
        );
      }
      const draft = await createDraft(t);
      const one = new FormData();
      one.append('file', new Blob([files.vehicle_front]), 'front.jpg');
      const oneRequest = new Request('http://x/', { method: 'POST', body: one });
      const oneBytes = Buffer.from(await oneRequest.arrayBuffer());
      await expectRefusedUnchanged(
        () =>
          t.app.inject({
            method: 'POST',
            url: `/api/drafts/${draft.resumeCode}/files/vehicle_front`,
            headers: { 'content-type': oneRequest.headers.get('content-type') as string },
            payload: oneBytes.subarray(0, oneBytes.length - 100),
          }),
        400,
      );
    });
  });
});
