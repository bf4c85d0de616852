/**
 * Imported enrollments in the admin API: the list filters them (all imported, or flagged for
 * review), and the detail shows the earlier id, the reasons, the signed policy marked as
 * imported and the `enrollment.imported` audit event.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importLegacy } from '../../src/legacy/import-legacy.js';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { describeEachEngine, makeTempDir } from '../support/engines.js';
import { makeSubmissionFiles } from '../support/fixtures.js';
import { submit } from '../support/submit.js';
import { writeLegacyInstallation } from './legacy-fixtures.js';

describeEachEngine('imported enrollments in the admin API', (engine) => {
  let t: TestApp;
  let temp: { dir: string; remove(): Promise<void> };
  let sourceFile: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    temp = await makeTempDir('byov-legacy-admin-');
    const installation = await writeLegacyInstallation(path.join(temp.dir, 'old'), 'head');
    sourceFile = installation.database;
    await submit(t, await makeSubmissionFiles(3_000), { techId: 'NEW-1' });
    await importLegacy(t.config, { source: installation.root, timeZone: 'UTC', apply: true });
  });
  afterAll(async () => {
    await t.close();
    await temp.remove();
  });
  const list = async (query: string) => {
    const response = await t.app.inject({ url: `/api/admin/enrollments?${query}`, headers: adminHeaders() });
    return { status: response.statusCode, body: response.json() };
  };

  it('filters the list to imported enrollments and to those that need review', async () => {
    const everything = await list('sort=tech_id&order=asc');
    expect(everything.body.total).toBe(4);
    const imported = await list('imported=any&sort=tech_id&order=asc');
    expect(imported.body.items.map((i: { techId: string }) => i.techId)).toEqual(['AB 12', 'NC300', 'TX1001']);
    const review = await list('imported=needs_review');
    expect(review.body.total).toBe(3);
    for (const item of review.body.items) {
      expect(item.legacyId).not.toBeNull();
      expect(item.reviewFlags.length).toBeGreaterThan(0);
    }
    const native = everything.body.items.find((i: { techId: string }) => i.techId === 'NEW-1');
    expect(native).toMatchObject({ legacyId: null, reviewFlags: null });
    const bad = await list('imported=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'imported' });
  });

  it('shows the earlier id, the reasons, the imported signed policy and the audit event', async () => {
    const { body } = await list('imported=any&search=TX1001');
    const id = body.items[0].id as string;
    const detail = (await t.app.inject({ url: `/api/admin/enrollments/${id}`, headers: adminHeaders() })).json();
    expect(detail.enrollment).toMatchObject({ legacyId: '1', status: 'approved', reviewedBy: 'Admin' });
    expect(detail.enrollment.reviewFlags.map((f: { code: string }) => f.code)).toEqual([
      'state_full_name',
      'email_missing',
    ]);
    const policy = detail.documents.find((d: { category: string }) => d.category === 'signed_policy');
    expect(policy).toMatchObject({ contentType: 'application/pdf', originalName: expect.stringMatching(/\.pdf$/) });
    const pdf = await t.app.inject({ url: policy.url, headers: adminHeaders() });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const [event] = detail.history;
    expect(event).toMatchObject({ action: 'enrollment.imported', actor: 'import-legacy' });
    expect(event.details.source).toMatchObject({ file: sourceFile, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(event.details.signedPolicy).toEqual({ sha256: policy.sha256, imported: true });
  });
});
