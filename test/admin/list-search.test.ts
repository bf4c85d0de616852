import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { daysFrom } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles, type SubmissionFiles } from '../support/fixtures.js';
import { submit } from '../support/submit.js';

describeEachEngine('admin list with the admin token: search, filters and access', (engine) => {
  let t: TestApp;
  let files: SubmissionFiles;

  beforeAll(async () => {
    t = await startTestApp(engine);
    files = await makeSubmissionFiles(5_000);
  });
  afterAll(() => t.close());

  const admin = (url: string) => t.app.inject({ url, headers: adminHeaders() });

  describe('list', () => {
    beforeAll(async () => {
      await submit(t, files, {
        techId: 'LIST-A',
        fullName: 'Ada Zeller',
        state: 'CA',
        insuranceExpiration: daysFromNow(10),
      });
      await submit(t, files, {
        techId: 'LIST-B',
        fullName: 'Bo Young',
        state: 'TX',
        registrationExpiration: daysFromNow(20),
      });
      await submit(t, files, { techId: 'LIST-C', fullName: 'Cy Xu', state: 'TX' });
    });

    it('searches by name, tech ID or VIN, ignoring case and accents on both engines', async () => {
      await submit(t, files, { techId: 'LIST-U', fullName: 'Żaneta Łukasiewicz' });
      expect((await admin('/api/admin/enrollments?search=LUKASIEW')).json().items.map(techIds)).toEqual(['LIST-U']);
      expect((await admin('/api/admin/enrollments?search=żaneta')).json().items.map(techIds)).toEqual(['LIST-U']);
      expect((await admin('/api/admin/enrollments?search=ZELL')).json().items.map(techIds)).toEqual(['LIST-A']);
      expect((await admin('/api/admin/enrollments?search=list-b')).json().items.map(techIds)).toEqual(['LIST-B']);
      const byVin = (await admin('/api/admin/enrollments?search=82633a0')).json();
      expect(byVin.total).toBeGreaterThanOrEqual(3);
      expect((await admin('/api/admin/enrollments?search=%25%25%25')).json().total).toBe(0);
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
});

function techIds(e: { techId: string }): string {
  return e.techId;
}

function daysFromNow(days: number): string {
  return daysFrom(new Date(), days);
}
