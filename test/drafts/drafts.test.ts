import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicyLibrary } from '../../src/domain/policy/load-policy-library.js';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { manualClock } from '../support/clock.js';
import { createDraft, type DraftBody, saveDraft, submitDraft, uploadAll, uploadToDraft } from '../support/drafts.js';
import { describeEachEngine } from '../support/engines.js';
import {
  makeBlankPng,
  makeJpeg,
  makePdf,
  makeSubmissionFiles,
  type SubmissionFiles,
  validEnrollmentData,
} from '../support/fixtures.js';
import { expectError, pdfText } from '../support/responses.js';
import { submit } from '../support/submit.js';

const LIMITS = { MAX_FILE_MB: '0.2', MAX_REQUEST_MB: '1', RATE_LIMIT_WIZARD_REQUESTS_PER_MINUTE: '100000' };
const DAY = 24 * 60 * 60 * 1000;

describeEachEngine('wizard drafts', (engine) => {
  const clock = manualClock();
  let t: TestApp;
  let files: SubmissionFiles;

  beforeAll(async () => {
    t = await startTestApp(engine, { ...LIMITS, DRAFT_TTL_DAYS: '14' }, clock.now);
    files = await makeSubmissionFiles(20_000);
  });
  afterAll(() => t.close());

  const get = (code: string) => t.app.inject({ url: `/api/drafts/${code}` });

  describe('saving progress', () => {
    it('creates a draft with a resume code, no data, and an expiry DRAFT_TTL_DAYS away', async () => {
      const response = await t.app.inject({ method: 'POST', url: '/api/drafts' });
      expect(response.statusCode).toBe(201);
      const draft = response.json() as DraftBody;
      expect(draft.resumeCode).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{5}-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{5}$/);
      expect(draft).toMatchObject({ step: 0, data: {}, files: [] });
      expect(Date.parse(draft.expiresAt) - Date.parse(draft.createdAt)).toBe(14 * DAY);
      expect((await createDraft(t, {})).resumeCode).not.toBe(draft.resumeCode);
    });

    it('stores step and data exactly as sent, markup included, and returns them as JSON data', async () => {
      const draft = await createDraft(t);
      const data = {
        fullName: '<script>alert("x")</script>',
        district: '<img src=x onerror=alert(1)>',
        comment: '"quoted" & \'single\' </textarea>',
        vin: 'not yet a VIN',
        year: 'later',
      };
      const saved = await saveDraft(t, draft.resumeCode, { step: 1, data });
      expect(saved.statusCode).toBe(200);
      const read = await get(draft.resumeCode);
      expect(read.headers['content-type']).toMatch(/^application\/json/);
      expect(read.json()).toMatchObject({ step: 1, data });
      expect(read.body).not.toContain('&lt;');
    });

    it('finds the draft from the code in any case, with or without the dash, from another device', async () => {
      const draft = await createDraft(t, { step: 2, data: { fullName: 'Зоя Петрова' } });
      const code = draft.resumeCode;
      for (const typed of [code, code.toLowerCase(), code.replace('-', ''), ` ${code} `.replace(' ', '')]) {
        const response = await get(encodeURIComponent(typed));
        expect(response.statusCode, typed).toBe(200);
        expect(response.json()).toMatchObject({ resumeCode: code, step: 2, data: { fullName: 'Зоя Петрова' } });
      }
    });

    it('pushes the expiry out on every save, but not on a read', async () => {
      const draft = await createDraft(t);
      clock.advanceDays(3);
      expect((await get(draft.resumeCode)).json().expiresAt).toBe(draft.expiresAt);
      const saved = (await saveDraft(t, draft.resumeCode, { step: 1 })).json() as DraftBody;
      expect(Date.parse(saved.expiresAt) - Date.parse(draft.expiresAt)).toBe(3 * DAY);
      expect(saved.data).toEqual({});
      clock.advanceDays(1);
      const upload = await uploadToDraft(t, draft.resumeCode, 'vehicle_front', files.vehicle_front);
      expect(upload.statusCode).toBe(201);
      expect(Date.parse((await get(draft.resumeCode)).json().expiresAt) - Date.parse(saved.expiresAt)).toBe(DAY);
    });

    it('answers 404 once a draft expires, before the sweep has removed it', async () => {
      const draft = await createDraft(t);
      clock.advanceDays(14);
      const response = await get(draft.resumeCode);
      expect(expectError(response)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect((await saveDraft(t, draft.resumeCode, { step: 1 })).statusCode).toBe(404);
      expect((await uploadToDraft(t, draft.resumeCode, 'signature', files.signature)).statusCode).toBe(404);
    });

    it.each(['ZZZZZ-ZZZZZ', 'short', 'ABCDE-FGHJU', '..%2F..%2Fetc'])('answers 404 for the code %s', async (code) => {
      expect(expectError(await get(code))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    });

    it('refuses malformed saves with the field named, and changes nothing', async () => {
      const draft = await createDraft(t, { step: 1, data: { fullName: 'Kept' } });
      const cases: [unknown, number, string, string | undefined][] = [
        [{ step: 9 }, 400, 'VALIDATION_FAILED', 'step'],
        [{ data: { isAdmin: true } }, 400, 'VALIDATION_FAILED', 'isAdmin'],
        [{ data: ['fullName'] }, 400, 'VALIDATION_FAILED', 'data'],
        [{ data: { comment: 'x'.repeat(40_000) } }, 413, 'REQUEST_TOO_LARGE', 'data'],
        [{ data: { comment: 'x'.repeat(70_000) } }, 413, 'REQUEST_TOO_LARGE', undefined],
      ];
      for (const [body, status, code, field] of cases) {
        const before = await t.snapshotState();
        expect(expectError(await saveDraft(t, draft.resumeCode, body))).toMatchObject({ status, code, field });
        expect(await t.snapshotState()).toEqual(before);
      }
      const notJson = await t.app.inject({
        method: 'PUT',
        url: `/api/drafts/${draft.resumeCode}`,
        headers: { 'content-type': 'application/json' },
        payload: '{"step": ',
      });
      expect(expectError(notJson)).toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
      expect((await get(draft.resumeCode)).json()).toMatchObject({ step: 1, data: { fullName: 'Kept' } });
    });
  });

  describe('files in a draft', () => {
    it('keeps uploads, serves them back, replaces one-file slots and caps the others at 5', async () => {
      const draft = await createDraft(t);
      const code = draft.resumeCode;
      const first = await uploadToDraft(t, code, 'vehicle_front', files.vehicle_front, 'front.jpg');
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({
        field: 'vehicle_front',
        position: 0,
        contentType: 'image/jpeg',
        sizeBytes: files.vehicle_front.length,
        originalName: 'front.jpg',
      });
      const preview = await t.app.inject({ url: first.json().url });
      expect(preview.statusCode).toBe(200);
      expect(preview.headers['content-type']).toBe('image/jpeg');
      expect(preview.rawPayload.equals(files.vehicle_front)).toBe(true);

      // A second photo of the front replaces the first.
      const replacement = await uploadToDraft(t, code, 'vehicle_front', files.vehicle_back);
      expect(replacement.statusCode).toBe(201);
      const afterReplace = (await get(code)).json() as DraftBody;
      expect(afterReplace.files.map((f) => f.id)).toEqual([replacement.json().id]);
      expect((await t.app.inject({ url: first.json().url })).statusCode).toBe(404);

      for (let i = 0; i < 5; i++) {
        expect((await uploadToDraft(t, code, 'insurance', makePdf(`Card ${i}`))).statusCode).toBe(201);
      }
      const sixth = await uploadToDraft(t, code, 'insurance', makePdf('Card 6'));
      expect(expectError(sixth)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'insurance' });
      expect(expectError(sixth).message).toMatch(/at most 5/);

      const insurance = ((await get(code)).json() as DraftBody).files.filter((f) => f.field === 'insurance');
      expect(insurance.map((f) => f.position)).toEqual([0, 1, 2, 3, 4]);
      const removed = await t.app.inject({ method: 'DELETE', url: insurance[1]?.url ?? '' });
      expect(removed.statusCode).toBe(204);
      expect((await t.app.inject({ method: 'DELETE', url: insurance[1]?.url ?? '' })).statusCode).toBe(404);
      expect((await uploadToDraft(t, code, 'insurance', makePdf('Card 7'))).json().position).toBe(5);
    });

    it('refuses bad uploads with messages a technician understands, leaving no row and no file', async () => {
      const draft = await createDraft(t);
      const code = draft.resumeCode;
      const cases: [string, () => Promise<{ statusCode: number; json(): unknown }>, number, string, string, string][] =
        [
          [
            'a photo over the per-file limit',
            async () => uploadToDraft(t, code, 'vehicle_left', await makeJpeg(260_000)),
            413,
            'FILE_TOO_LARGE',
            'vehicle_left',
            '"Left side of the vehicle" is larger than 0.2 MB',
          ],
          [
            'a PDF as a vehicle photo',
            () => uploadToDraft(t, code, 'vehicle_back', makePdf()),
            415,
            'UNSUPPORTED_FILE_TYPE',
            'vehicle_back',
            'must be JPEG, PNG, WEBP, HEIC; this file is PDF',
          ],
          [
            'a text file named .jpg',
            () => uploadToDraft(t, code, 'vehicle_back', Buffer.from('<html><script>x</script></html>'), 'x.jpg'),
            415,
            'UNSUPPORTED_FILE_TYPE',
            'vehicle_back',
            'of another type',
          ],
          [
            'a JPEG signature',
            () => uploadToDraft(t, code, 'signature', files.vehicle_front),
            415,
            'UNSUPPORTED_FILE_TYPE',
            'signature',
            '"Signature" must be PNG',
          ],
          [
            'a blank signature',
            async () => uploadToDraft(t, code, 'signature', await makeBlankPng()),
            400,
            'VALIDATION_FAILED',
            'signature',
            'The signature is blank',
          ],
          [
            'an empty file',
            () => uploadToDraft(t, code, 'registration', Buffer.alloc(0)),
            400,
            'VALIDATION_FAILED',
            'registration',
            'is empty',
          ],
        ];
      for (const [name, run, status, errorCode, field, words] of cases) {
        const before = await t.snapshotState();
        const error = expectError(await run());
        expect({ status: error.status, code: error.code, field: error.field }, name).toEqual({
          status,
          code: errorCode,
          field,
        });
        expect(error.message, name).toContain(words);
        expect(await t.snapshotState(), name).toEqual(before);
      }
    });

    it('refuses an unknown slot, a wrong part name and two files at once', async () => {
      const draft = await createDraft(t);
      const code = draft.resumeCode;
      expect(expectError(await uploadToDraft(t, code, 'passport', makePdf()))).toMatchObject({
        status: 400,
        code: 'INVALID_REQUEST',
        field: 'passport',
      });
      const wrongName = new FormData();
      wrongName.append('photo', new Blob([files.vehicle_front]), 'a.jpg');
      const twoFiles = new FormData();
      twoFiles.append('file', new Blob([files.vehicle_front]), 'a.jpg');
      twoFiles.append('file', new Blob([files.vehicle_back]), 'b.jpg');
      for (const payload of [wrongName, twoFiles]) {
        const before = await t.snapshotState();
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/drafts/${code}/files/vehicle_front`,
          payload,
        });
        expect(expectError(response)).toMatchObject({ status: 400, code: 'INVALID_REQUEST', field: 'vehicle_front' });
        expect(await t.snapshotState()).toEqual(before);
      }
      const notMultipart = await t.app.inject({
        method: 'POST',
        url: `/api/drafts/${code}/files/vehicle_front`,
        payload: { file: 'x' },
      });
      expect(expectError(notMultipart)).toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
    });

    it('refuses a file that would take the draft past the per-submission total', async () => {
      const draft = await createDraft(t);
      const code = draft.resumeCode;
      for (let i = 0; i < 5; i++) {
        expect((await uploadToDraft(t, code, 'insurance', await makeJpeg(190_000, 40 + i))).statusCode).toBe(201);
      }
      const over = await uploadToDraft(t, code, 'registration', await makeJpeg(190_000, 50));
      expect(expectError(over)).toMatchObject({ status: 413, code: 'REQUEST_TOO_LARGE', field: 'registration' });
      expect(expectError(over).message).toMatch(/Together, this enrollment's files would be larger than 1 MB/);
    });

    it('never lets two simultaneous uploads into one slot go past its maximum', async () => {
      const draft = await createDraft(t);
      const uploads = await Promise.all(
        Array.from({ length: 8 }, (_, i) => uploadToDraft(t, draft.resumeCode, 'registration', makePdf(`Reg ${i}`))),
      );
      expect(uploads.filter((r) => r.statusCode === 201)).toHaveLength(5);
      expect(uploads.filter((r) => r.statusCode === 400)).toHaveLength(3);
      const stored = ((await get(draft.resumeCode)).json() as DraftBody).files;
      expect(stored).toHaveLength(5);
      expect(new Set(stored.map((f) => f.position)).size).toBe(5);
    });
  });

  describe('submitting a draft', () => {
    async function completeDraft(overrides: Record<string, unknown> = {}) {
      const draft = await createDraft(t);
      await uploadAll(t, draft.resumeCode, files);
      const data = validEnrollmentData(overrides);
      expect((await saveDraft(t, draft.resumeCode, { step: 3, data })).statusCode).toBe(200);
      return draft.resumeCode;
    }

    it('turns the draft into an enrollment with its files and the signed policy, in one step', async () => {
      const code = await completeDraft({ techId: 'draft-1', fullName: 'Nguyễn Văn An', state: 'TX' });
      const draftFiles = ((await get(code)).json() as DraftBody).files;
      const before = await t.snapshotState();
      // 02:00 UTC on March 11th is still March 10th in Chicago.
      const submittedAt = new Date('2026-03-11T02:00:00.000Z');
      const response = await withClock(submittedAt, () =>
        submitDraft(t, code.toLowerCase(), { timeZone: 'America/Chicago' }),
      );
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toMatchObject({ status: 'pending' });
      expect(body.reference).toMatch(/^BYOV-[0-9A-Z]{8}$/);
      expect(body.policyPdfUrl).toMatch(new RegExp(`^/api/enrollments/${body.id}/policy\\.pdf\\?token=[0-9a-f]{32}$`));

      const after = await t.snapshotState();
      expect(after.rows).toMatchObject({
        enrollments: (before.rows.enrollments ?? 0) + 1,
        documents: (before.rows.documents ?? 0) + 9,
        drafts: (before.rows.drafts ?? 0) - 1,
        draft_files: (before.rows.draft_files ?? 0) - 8,
        audit_events: (before.rows.audit_events ?? 0) + 1,
      });
      expect(after.files).toHaveLength(before.files.length + 1); // only the PDF is new
      expect(expectError(await get(code))).toMatchObject({ status: 404 });

      const detail = (await t.app.inject({ url: `/api/admin/enrollments/${body.id}`, headers: adminHeaders() })).json();
      expect(detail.enrollment).toMatchObject({ techId: 'DRAFT-1', fullName: 'Nguyễn Văn An', state: 'TX' });
      const documents = detail.documents as { category: string; sha256: string }[];
      expect(draftFiles).toHaveLength(8);
      const uploaded = Object.values(files)
        .flat()
        .map((buffer) => createHash('sha256').update(buffer).digest('hex'));
      expect(
        documents
          .filter((d) => d.category !== 'signed_policy')
          .map((d) => d.sha256)
          .sort(),
      ).toEqual(uploaded.sort());
      const signed = documents.find((d) => d.category === 'signed_policy');
      expect(detail.history[0].details).toMatchObject({ source: 'draft', signedPdfSha256: signed?.sha256 });

      const row = await t.runtime.db.kysely
        .selectFrom('enrollments')
        .selectAll()
        .where('id', '=', body.id)
        .executeTakeFirstOrThrow();
      const policy = (await loadPolicyLibrary(t.config.policyDir)).forState('TX');
      expect(row).toMatchObject({
        policy_template_id: 'fixed-rate',
        policy_version: policy.version,
        policy_sha256: policy.sha256,
        signed_pdf_sha256: signed?.sha256,
        created_at: submittedAt.toISOString(),
      });
      expect(row.receipt_token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.receipt_token_hash).not.toContain(new URL(body.policyPdfUrl, 'http://x').searchParams.get('token'));

      const pdf = await t.app.inject({ url: body.policyPdfUrl });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toBe(`attachment; filename="byov-policy-${body.reference}.pdf"`);
      expect(createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(signed?.sha256);
      const text = await pdfText(pdf.rawPayload);
      for (const expected of ['Nguyễn Văn An', 'DRAFT-1', 'March 10, 2026 (America/Chicago)', body.reference]) {
        expect(text).toContain(expected);
      }
      expect(text).toContain('$0.57 per mile');
    });

    it('refuses a second submit of the same code, and two at once give exactly one enrollment', async () => {
      const code = await completeDraft({ techId: 'double-1' });
      const [a, b] = await Promise.all([submitDraft(t, code), submitDraft(t, code)]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 404]);
      expect((await submitDraft(t, code)).statusCode).toBe(404);
      const count = await t.runtime.db.kysely
        .selectFrom('enrollments')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tech_id', '=', 'DOUBLE-1')
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
    });

    it('validates the data like a direct submission, names the field, and keeps the draft', async () => {
      const code = await completeDraft({ vin: '1HGCM82693A004352' });
      const before = await t.snapshotState();
      const error = expectError(await submitDraft(t, code));
      expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'vin' });
      expect(error.message).toContain('check digit');
      expect(await t.snapshotState()).toEqual(before);

      const partial = await createDraft(t, { data: { fullName: 'Only a name' } });
      expect(expectError(await submitDraft(t, partial.resumeCode))).toMatchObject({ status: 400, field: 'techId' });
      expect((await get(code)).statusCode).toBe(200);
    });

    it('names a missing file slot', async () => {
      const draft = await createDraft(t);
      await uploadAll(t, draft.resumeCode, { ...files, signature: undefined } as unknown as SubmissionFiles);
      await saveDraft(t, draft.resumeCode, { data: validEnrollmentData({ techId: 'nosig-1' }) });
      const error = expectError(await submitDraft(t, draft.resumeCode));
      expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'signature' });
    });

    it('refuses a submission signed against a policy text that has since changed', async () => {
      const code = await completeDraft({ techId: 'stale-1' });
      const error = expectError(await submitDraft(t, code, { timeZone: 'UTC', policySha256: '0'.repeat(64) }));
      expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'policy' });
      const current = (await t.app.inject({ url: '/api/policy?state=IL' })).json();
      expect((await submitDraft(t, code, { policySha256: current.sha256 })).statusCode).toBe(201);
    });

    it('prints an unknown time zone date in UTC', async () => {
      const code = await completeDraft({ techId: 'tz-1' });
      const response = await withClock(new Date('2026-03-11T02:00:00.000Z'), () =>
        submitDraft(t, code, { timeZone: 'Not/AZone' }),
      );
      const text = await pdfText((await t.app.inject({ url: response.json().policyPdfUrl })).rawPayload);
      expect(text).toContain('March 11, 2026 (UTC)');
    });
  });

  describe('the signed policy link', () => {
    it('needs the exact token of that enrollment; anything else is 404', async () => {
      const draft = await createDraft(t);
      await uploadAll(t, draft.resumeCode, files);
      await saveDraft(t, draft.resumeCode, { data: validEnrollmentData({ techId: 'link-1' }) });
      const { id, policyPdfUrl } = (await submitDraft(t, draft.resumeCode)).json();
      const token = new URL(policyPdfUrl, 'http://x').searchParams.get('token') as string;
      const other = await submit(t, files, { techId: 'link-2' });
      for (const url of [
        `/api/enrollments/${id}/policy.pdf`,
        `/api/enrollments/${id}/policy.pdf?token=`,
        `/api/enrollments/${id}/policy.pdf?token=${'0'.repeat(32)}`,
        `/api/enrollments/${id}/policy.pdf?token=${token.toUpperCase()}`,
        `/api/enrollments/${other.id}/policy.pdf?token=${token}`,
        `/api/enrollments/nope/policy.pdf?token=${token}`,
      ]) {
        expect(expectError(await t.app.inject({ url })), url).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      }
      expect((await t.app.inject({ url: policyPdfUrl })).statusCode).toBe(200);
      expect((await t.app.inject({ url: other.policyPdfUrl })).statusCode).toBe(200);
    });
  });

  /** Runs `action` with the app's clock set to `at`, then puts the clock back where it was. */
  async function withClock<T>(at: Date, action: () => Promise<T>): Promise<T> {
    const saved = clock.now().getTime();
    clock.advanceDays((at.getTime() - saved) / DAY);
    try {
      return await action();
    } finally {
      clock.advanceDays((saved - clock.now().getTime()) / DAY);
    }
  }
});

describeEachEngine('guessing resume codes', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, LIMITS);
  });
  afterAll(() => t.close());

  it('stops an address after 20 unknown codes, even for a real code', async () => {
    const real = await createDraft(t);
    for (let i = 0; i < 20; i++) {
      expect((await t.app.inject({ url: `/api/drafts/AAAAA-${String(i).padStart(5, '0')}` })).statusCode).toBe(404);
    }
    const blocked = await t.app.inject({ url: `/api/drafts/${real.resumeCode}` });
    expect(expectError(blocked)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    const other = await t.app.inject({ url: `/api/drafts/${real.resumeCode}`, remoteAddress: '203.0.113.7' });
    expect(other.statusCode).toBe(200);
  });
});
