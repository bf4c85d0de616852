import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { manualClock } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles, type SubmissionFiles, validEnrollmentData } from '../support/fixtures.js';
import { pdfText } from '../support/responses.js';
import { postEnrollment } from '../support/submit.js';

describeEachEngine('POST /api/enrollments and the signed policy', (engine) => {
  const clock = manualClock(new Date('2026-11-24T03:30:00.000Z'));
  let t: TestApp;
  let files: SubmissionFiles;
  beforeAll(async () => {
    t = await startTestApp(engine, {}, clock.now);
    files = await makeSubmissionFiles(5_000);
  });
  afterAll(() => t.close());

  const submit = (data: Record<string, unknown>, timeZone?: string) =>
    postEnrollment(t, data, files, {
      ...(timeZone === undefined ? {} : { timeZone }),
      headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) <b>UA</b>' },
    });

  it.each([
    ['Łukasz Nuñez', 'IL', 'irs-rate'],
    ['Зоя Петрова', 'NY', 'fixed-rate'],
    ['Nguyễn Văn An', 'WA', 'irs-rate'],
  ])('signs for %s with the %s policy and returns a download link', async (fullName, state, templateId) => {
    const response = await submit(
      validEnrollmentData({ fullName, state, techId: `pdf-${state}` }),
      'America/Los_Angeles',
    );
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.policyPdfUrl).toMatch(/^\/api\/enrollments\/.+\/policy\.pdf\?token=[0-9a-f]{32}$/);
    const pdf = await t.app.inject({ url: body.policyPdfUrl });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain(fullName);
    expect(text).toContain(`PDF-${state}`);
    expect(text).toContain('November 23, 2026 (America/Los_Angeles)');
    expect(text).toContain('2026-11-24T03:30:00.000Z');
    expect(text.replace(/\s+/g, ' ')).toContain('Mozilla/5.0 (Linux; Android 14) <b>UA</b>');
    const row = await t.runtime.db.kysely
      .selectFrom('enrollments')
      .select(['policy_template_id', 'signed_pdf_sha256'])
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row.policy_template_id).toBe(templateId);
  });

  it('keeps markup typed into fields as data: verbatim in the API, plain text in the PDF', async () => {
    const hostile = {
      fullName: '<script>alert("name")</script>',
      district: '<img src=x onerror=alert(1)>',
      comment: '</textarea><svg onload=alert(2)>',
    };
    const response = await submit(validEnrollmentData({ ...hostile, techId: 'xss-1' }));
    expect(response.statusCode).toBe(201);
    const { id, policyPdfUrl } = response.json();
    const detail = await t.app.inject({ url: `/api/admin/enrollments/${id}`, headers: adminHeaders() });
    expect(detail.headers['content-type']).toMatch(/^application\/json/);
    expect(detail.json().enrollment).toMatchObject(hostile);
    const text = await pdfText((await t.app.inject({ url: policyPdfUrl })).rawPayload);
    expect(text).toContain(hostile.fullName);
    // Without a time zone the date is the UTC one.
    expect(text).toContain('November 24, 2026 (UTC)');
  });

  describe('records what was signed', () => {
    it('in the audit event: policy id, version and hash, and the PDF hash', async () => {
      const { id } = (await submit(validEnrollmentData({ techId: 'audit-1' }), 'Europe/Warsaw')).json();
      const detail = (await t.app.inject({ url: `/api/admin/enrollments/${id}`, headers: adminHeaders() })).json();
      const signed = detail.documents.find((d: { category: string }) => d.category === 'signed_policy');
      expect(signed).toMatchObject({
        contentType: 'application/pdf',
        originalName: expect.stringMatching(/^byov-policy-BYOV-/),
      });
      expect(detail.history[0].details).toMatchObject({
        source: 'direct',
        policy: { id: 'irs-rate', version: expect.any(String), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        signedPdfSha256: signed.sha256,
      });
    });
  });
});
