import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles, type SubmissionFiles, validEnrollmentData } from '../support/fixtures.js';
import { postEnrollment, submit } from '../support/submit.js';

describeEachEngine('resubmission', (engine) => {
  let t: TestApp;
  let files: SubmissionFiles;

  beforeAll(async () => {
    t = await startTestApp(engine);
    files = await makeSubmissionFiles(5_000);
  });
  afterAll(() => t.close());

  const admin = (url: string) => t.app.inject({ url, headers: adminHeaders() });

  describe('resubmission never loses data', () => {
    it('a second pending submission supersedes the first and both stay readable', async () => {
      const first = await submit(t, files, { techId: 'RS-1', make: 'Honda' });
      const second = await submit(t, files, { techId: 'rs-1', make: 'Acura' });
      const detail = (await admin(`/api/admin/enrollments/${second.id}`)).json();
      expect(detail.enrollment).toMatchObject({
        revision: 2,
        supersedesId: first.id,
        status: 'pending',
        make: 'Acura',
      });
      expect(detail.revisions.map((r: { status: string }) => r.status)).toEqual(['superseded', 'pending']);
      const old = (await admin(`/api/admin/enrollments/${first.id}`)).json();
      expect(old.enrollment).toMatchObject({ make: 'Honda', status: 'superseded' });
      // 8 uploaded files plus the signed policy PDF.
      expect(old.documents).toHaveLength(9);
      expect(detail.history.map((e: { action: string }) => e.action)).toEqual([
        'enrollment.submitted',
        'enrollment.submitted',
      ]);
    });

    it('an approved enrollment stays in effect while the new revision awaits review', async () => {
      const approved = await submit(t, files, { techId: 'RS-2' });
      // Approval arrives with the admin control center; set it directly to exercise the rule.
      await t.runtime.db.kysely
        .updateTable('enrollments')
        .set({ status: 'approved' })
        .where('id', '=', approved.id)
        .execute();
      await t.runtime.db.kysely
        .updateTable('checklist_tasks')
        .set({ completed_at: '2026-01-02T03:04:05.000Z', completed_by: 'admin@example.com' })
        .where('enrollment_id', '=', approved.id)
        .where('task_key', '=', 'supplies_magnets')
        .execute();
      const next = await submit(t, files, { techId: 'RS-2', color: 'Blue' });
      const detail = (await admin(`/api/admin/enrollments/${next.id}`)).json();
      expect(detail.revisions.map((r: { status: string }) => r.status)).toEqual(['approved', 'pending']);
      // Onboarding work already done for the technician carries over to the new revision.
      const magnets = detail.checklist.find((task: { key: string }) => task.key === 'supplies_magnets');
      expect(magnets).toMatchObject({ completedAt: '2026-01-02T03:04:05.000Z', completedBy: 'admin@example.com' });
    });

    it('concurrent submissions for one tech ID all land as consecutive revisions', async () => {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          postEnrollment(t, validEnrollmentData({ techId: 'RACE-1', comment: `try ${i}` }), files),
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
      const list = (await admin('/api/admin/enrollments?search=race-1&status=all&sort=created_at&order=asc')).json();
      expect(list.items.map((e: { revision: number }) => e.revision).sort()).toEqual([1, 2, 3, 4, 5, 6]);
      expect(list.items.filter((e: { status: string }) => e.status === 'pending')).toHaveLength(1);
    });
  });
});
