import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iterateEnrollments } from '../../src/storage/repositories/enrollment-list.repository.js';
import { as, createAccount, type Session } from '../support/admin-session.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { daysFrom } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles, type SubmissionFiles } from '../support/fixtures.js';
import { submit } from '../support/submit.js';

const backupHealth = async () => ({
  lastVerified: { name: 'byov_backup_20260101_030000', ageHours: 30 },
  warning: 'The last verified backup is 30 hours old (more than 26).',
});

describeEachEngine('admin list, CSV export, overview and settings', (engine) => {
  let t: TestApp;
  let admin: Session;
  let reviewer: Session;
  let files: SubmissionFiles;
  const now = new Date();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(engine, {}, undefined, { backupHealth });
    admin = await createAccount(t, 'ada@example.com', 'admin');
    reviewer = await createAccount(t, 'rex@example.com', 'reviewer');
    files = await makeSubmissionFiles(4_000);
    ids.soon = (await submit(t, files, { techId: 'LST-SOON', insuranceExpiration: daysFrom(now, 10) })).id;
    ids.later = (await submit(t, files, { techId: 'LST-LATER' })).id;
    ids.formula = (
      await submit(t, files, {
        techId: 'LST-CSV',
        fullName: '=HYPERLINK("http://evil.example","click")',
        referredBy: '@SUM(A1:A9)',
        comment: 'Said "hi", then left',
      })
    ).id;
    // An expired document cannot be submitted; it expires while on file.
    ids.expired = (await submit(t, files, { techId: 'LST-OLD' })).id;
    await t.runtime.db.kysely
      .updateTable('enrollments')
      .set({ registration_expiration: daysFrom(now, -3) })
      .where('id', '=', ids.expired)
      .execute();
    await as(t.app, reviewer, { method: 'POST', url: `/api/admin/enrollments/${ids.later}/approve` });
  });
  afterAll(() => t.close());

  const list = async (query: string) => (await as(t.app, reviewer, { url: `/api/admin/enrollments?${query}` })).json();
  const techIds = (body: { items: { techId: string }[] }) => body.items.map((e) => e.techId);

  describe('list', () => {
    it('shows compliance and checklist progress on every row', async () => {
      const body = await list('search=LST-&sort=tech_id&order=asc');
      expect(body.items.map((e: { techId: string; compliance: string }) => [e.techId, e.compliance])).toEqual([
        ['LST-CSV', 'yellow'],
        ['LST-LATER', 'yellow'],
        ['LST-OLD', 'red'],
        ['LST-SOON', 'yellow'],
      ]);
      expect(body.items[1].checklist).toEqual({ done: 0, total: 6 });
    });

    it('filters by expiry: expired, or expiring within N days', async () => {
      expect(techIds(await list('search=LST-&expiry=expired'))).toEqual(['LST-OLD']);
      expect(techIds(await list('search=LST-&expiry=expiring&expiringWithinDays=30'))).toEqual(['LST-SOON']);
      expect(techIds(await list('search=LST-&expiry=expiring&expiringWithinDays=5'))).toEqual([]);
      expect((await as(t.app, reviewer, { url: '/api/admin/enrollments?expiry=soon' })).statusCode).toBe(400);
    });

    it('sorts by any list column, the reference included', async () => {
      const sorted = (await list('search=LST-&sort=reference&order=asc')).items.map(
        (e: { reference: string }) => e.reference,
      );
      expect(sorted).toEqual([...sorted].sort());
    });

    it('pages the whole list by keyset without skipping or repeating a row', async () => {
      const seen: string[] = [];
      const query = { statuses: [], sort: 'full_name' as const, order: 'desc' as const };
      for await (const batch of iterateEnrollments(t.runtime.db.kysely, query, 2)) seen.push(...batch.map((r) => r.id));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toHaveLength((await list('status=all&pageSize=100')).total);
    });
  });

  describe('CSV export', () => {
    it('streams the filtered list as UTF-8 with a BOM, formulas neutralised and quotes doubled', async () => {
      const response = await as(t.app, reviewer, {
        url: '/api/admin/enrollments.csv?search=LST-&sort=tech_id&order=asc',
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="byov-enrollments-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toMatch(/^"Reference","Tech ID","Revision","Full name","Status","Compliance"/);
      expect(lines.filter((l) => l !== '')).toHaveLength(5);
      const row = lines.find((l) => l.includes('"LST-CSV"')) as string;
      expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
      expect(row).toContain(`"'@SUM(A1:A9)"`);
      expect(row).toContain(`"'+1 (312) 555-0100"`);
      expect(row).toContain(`"Said ""hi"", then left"`);
      expect(row).toMatch(/"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z"/);
    });

    it('checks the filters before sending anything, and records the export', async () => {
      const bad = await as(t.app, reviewer, { url: '/api/admin/enrollments.csv?status=bogus' });
      expect(bad.statusCode).toBe(400);
      const exports = await t.runtime.db.kysely
        .selectFrom('audit_events')
        .select(['actor', 'actor_id'])
        .where('action', '=', 'enrollments.exported')
        .execute();
      expect(exports).toContainEqual({ actor: 'rex@example.com', actor_id: reviewer.user.id });
    });
  });

  it('gives the overview: statuses, expiries, weekly submissions and backup age', async () => {
    const overview = (await as(t.app, reviewer, { url: '/api/admin/overview' })).json();
    expect(overview.byStatus).toMatchObject({ pending: 3, approved: 1, rejected: 0, deleted: 0 });
    expect(overview.expiringWithin30Days).toBe(1);
    expect(overview.expired).toBe(1);
    expect(overview.submissionsPerWeek).toHaveLength(12);
    expect(overview.submissionsPerWeek.at(-1).count).toBe(4);
    expect(overview.submissionsPerWeek[0].weekStart < overview.submissionsPerWeek.at(-1).weekStart).toBe(true);
    expect(overview.backup).toEqual(await backupHealth());
  });

  describe('preferences and settings', () => {
    it('keeps each account its own list columns, on the server', async () => {
      const defaults = (await as(t.app, admin, { url: '/api/admin/preferences' })).json();
      expect(defaults.columns).toContain('compliance');
      const saved = await as(t.app, admin, {
        method: 'PUT',
        url: '/api/admin/preferences',
        payload: { columns: ['vin', 'state'] },
      });
      expect(saved.json()).toEqual({ columns: ['vin', 'state'] });
      expect((await as(t.app, admin, { url: '/api/admin/preferences' })).json().columns).toEqual(['vin', 'state']);
      expect((await as(t.app, reviewer, { url: '/api/admin/preferences' })).json()).toEqual(defaults);
      const bad = await as(t.app, admin, {
        method: 'PUT',
        url: '/api/admin/preferences',
        payload: { columns: ['ssn'] },
      });
      expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'columns' });
    });

    it('gives new enrollments the current checklist; existing ones keep theirs', async () => {
      const tasks = [
        { key: 'badge', label: 'Vehicle badge issued' },
        { key: 'survey_30day', label: '30-day survey completed' },
      ];
      const saved = await as(t.app, admin, { method: 'PUT', url: '/api/admin/settings/checklist', payload: { tasks } });
      expect(saved.statusCode, saved.body).toBe(200);
      expect((await as(t.app, admin, { url: '/api/admin/settings/checklist' })).json()).toEqual({ tasks });
      const duplicate = await as(t.app, admin, {
        method: 'PUT',
        url: '/api/admin/settings/checklist',
        payload: { tasks: [tasks[0], tasks[0]] },
      });
      expect(duplicate.statusCode).toBe(400);

      const fresh = await submit(t, files, { techId: 'LST-NEW' });
      const detail = (id: string) => as(t.app, admin, { url: `/api/admin/enrollments/${id}` });
      expect((await detail(fresh.id)).json().checklist.map((c: { key: string }) => c.key)).toEqual([
        'badge',
        'survey_30day',
      ]);
      expect((await detail(ids.soon as string)).json().checklistProgress.total).toBe(6);
    });
  });
});
