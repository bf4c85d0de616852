import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/storage/migrations/index.js';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { describeEachEngine } from '../support/engines.js';
import {
  buildSubmissionForm,
  makeSubmissionFiles,
  type SubmissionFiles,
  validEnrollmentData,
} from '../support/fixtures.js';

describeEachEngine('admin read API, resubmission and health', (engine) => {
  let t: TestApp;
  let files: SubmissionFiles;

  beforeAll(async () => {
    t = await startTestApp(engine);
    files = await makeSubmissionFiles(5_000);
  });
  afterAll(() => t.close());

  async function submit(overrides: Record<string, unknown>) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/enrollments',
      payload: buildSubmissionForm(validEnrollmentData(overrides), files),
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; reference: string };
  }
  const admin = (url: string) => t.app.inject({ url, headers: adminHeaders() });

  describe('resubmission never loses data', () => {
    it('a second pending submission supersedes the first and both stay readable', async () => {
      const first = await submit({ techId: 'RS-1', make: 'Honda' });
      const second = await submit({ techId: 'rs-1', make: 'Acura' });
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
      const approved = await submit({ techId: 'RS-2' });
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
      const next = await submit({ techId: 'RS-2', color: 'Blue' });
      const detail = (await admin(`/api/admin/enrollments/${next.id}`)).json();
      expect(detail.revisions.map((r: { status: string }) => r.status)).toEqual(['approved', 'pending']);
      // Onboarding work already done for the technician carries over to the new revision.
      const magnets = detail.checklist.find((task: { key: string }) => task.key === 'supplies_magnets');
      expect(magnets).toMatchObject({ completedAt: '2026-01-02T03:04:05.000Z', completedBy: 'admin@example.com' });
    });

    it('concurrent submissions for one tech ID all land as consecutive revisions', async () => {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          t.app.inject({
            method: 'POST',
            url: '/api/enrollments',
            payload: buildSubmissionForm(validEnrollmentData({ techId: 'RACE-1', comment: `try ${i}` }), files),
          }),
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
      const list = (await admin('/api/admin/enrollments?search=race-1&status=all&sort=created_at&order=asc')).json();
      expect(list.items.map((e: { revision: number }) => e.revision).sort()).toEqual([1, 2, 3, 4, 5, 6]);
      expect(list.items.filter((e: { status: string }) => e.status === 'pending')).toHaveLength(1);
    });
  });

  describe('list', () => {
    beforeAll(async () => {
      await submit({ techId: 'LIST-A', fullName: 'Ada Zeller', state: 'CA', insuranceExpiration: daysFromNow(10) });
      await submit({ techId: 'LIST-B', fullName: 'Bo Young', state: 'TX', registrationExpiration: daysFromNow(20) });
      await submit({ techId: 'LIST-C', fullName: 'Cy Xu', state: 'TX' });
    });

    it('searches by name, tech ID or VIN, ignoring case and accents on both engines', async () => {
      await submit({ techId: 'LIST-U', fullName: 'Żaneta Łukasiewicz' });
      expect((await admin('/api/admin/enrollments?search=LUKASIEW')).json().items.map(techIds)).toEqual(['LIST-U']);
      expect((await admin('/api/admin/enrollments?search=żaneta')).json().items.map(techIds)).toEqual(['LIST-U']);
      expect((await admin('/api/admin/enrollments?search=ZELL')).json().items.map(techIds)).toEqual(['LIST-A']);
      expect((await admin('/api/admin/enrollments?search=list-b')).json().items.map(techIds)).toEqual(['LIST-B']);
      const byVin = (await admin('/api/admin/enrollments?search=82633a0')).json();
      expect(byVin.total).toBeGreaterThanOrEqual(3);
      expect((await admin('/api/admin/enrollments?search=%25')).json().total).toBe(0);
    });

    it('filters by state, status and expiry, sorts and paginates', async () => {
      const texas = (await admin('/api/admin/enrollments?state=texas&sort=full_name&order=asc')).json();
      expect(texas.items.map(techIds)).toEqual(['LIST-B', 'LIST-C']);
      const expiring = (await admin('/api/admin/enrollments?expiringWithinDays=30&sort=tech_id')).json();
      expect(expiring.items.map(techIds)).toEqual(['LIST-B', 'LIST-A']);
      const page = (await admin('/api/admin/enrollments?pageSize=2&page=2&sort=tech_id&order=asc')).json();
      expect(page).toMatchObject({ page: 2, pageSize: 2 });
      expect(page.items).toHaveLength(2);
      const superseded = (await admin('/api/admin/enrollments?status=superseded')).json();
      expect(superseded.items.every((e: { status: string }) => e.status === 'superseded')).toBe(true);
    });

    it('rejects bad query parameters with the field named', async () => {
      for (const [query, field] of [
        ['sort=password', 'sort'],
        ['pageSize=1000', 'pageSize'],
        ['status=bogus', 'status'],
        ['state=Atlantis', 'state'],
        ['expiringWithinDays=-1', 'expiringWithinDays'],
        ['unknown=1', 'unknown'],
      ]) {
        const response = await admin(`/api/admin/enrollments?${query}`);
        expect(response.statusCode, query).toBe(400);
        expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field });
      }
    });
  });

  describe('access', () => {
    it('requires the admin token (401 without or wrong) and 404s for unknown ids', async () => {
      expect((await t.app.inject({ url: '/api/admin/enrollments' })).statusCode).toBe(401);
      const wrong = await t.app.inject({ url: '/api/admin/enrollments', headers: { authorization: 'Bearer nope' } });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.code).toBe('UNAUTHORIZED');
      expect((await admin('/api/admin/enrollments/does-not-exist')).statusCode).toBe(404);
      expect((await admin('/api/admin/documents/does-not-exist')).statusCode).toBe(404);
    });

    it('is closed (403) when no admin token is configured', async () => {
      const closed = await startTestApp(engine, { ADMIN_TOKEN: '' });
      try {
        const response = await closed.app.inject({ url: '/api/admin/enrollments', headers: adminHeaders() });
        expect(response.statusCode).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      } finally {
        await closed.close();
      }
    });
  });

  it('GET /health reports engine, schema version and enrollment count', async () => {
    const health = (await t.app.inject({ url: '/health' })).json();
    expect(health).toMatchObject({ status: 'ok', database: engine, schemaVersion: SCHEMA_VERSION });
    const count = Number(
      (
        await t.runtime.db.kysely
          .selectFrom('enrollments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(health.enrollments).toBe(count);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await t.app.inject({ url: '/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });
});

function techIds(e: { techId: string }): string {
  return e.techId;
}

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
