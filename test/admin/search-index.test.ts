/**
 * Admin search answered from each engine's trigram index (migration 0016): fragments anywhere in
 * a name, tech ID or VIN; terms too short for a trigram refused with a clear message; and the
 * index following every way an enrollment appears or disappears (submission, resubmission,
 * soft delete and restore, purge, legacy import, restore of a backup).
 */
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBackup } from '../../src/backup/create-backup.js';
import { listBackups } from '../../src/backup/list-backups.js';
import { resolveBackup } from '../../src/backup/resolve-backup.js';
import { restoreBackup } from '../../src/backup/restore-backup.js';
import { foldForSearch } from '../../src/domain/enrollment/search-text.js';
import { importLegacy } from '../../src/legacy/import-legacy.js';
import type { Db } from '../../src/storage/db.js';
import { insertEnrollment } from '../../src/storage/repositories/enrollment.repository.js';
import { COUNT_LIMIT, searchEnrollments } from '../../src/storage/repositories/enrollment-list.repository.js';
import { createFixture, withRuntime } from '../backup/support.js';
import { writeLegacyInstallation } from '../legacy/legacy-fixtures.js';
import { as, createAccount, type Session } from '../support/admin-session.js';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { MINUTE, manualClock } from '../support/clock.js';
import { describeEachEngine, makeTempDir } from '../support/engines.js';
import { enrollmentRow } from '../support/enrollment-row.js';
import { makeSubmissionFiles, type SubmissionFiles } from '../support/fixtures.js';
import { submit } from '../support/submit.js';

const techIds = (body: { items: { techId: string }[] }) => body.items.map((i) => i.techId).sort();

describeEachEngine('admin search through the trigram index', (engine) => {
  let t: TestApp;
  let admin: Session;
  let files: SubmissionFiles;
  const clock = manualClock();

  beforeAll(async () => {
    t = await startTestApp(engine, {}, clock.now);
    admin = await createAccount(t, 'ida@example.com', 'admin');
    files = await makeSubmissionFiles(3_000, 3);
  });
  afterAll(() => t.close());

  const search = async (term: string, extra = '') => {
    const query = `search=${encodeURIComponent(term)}${extra}`;
    const response = await t.app.inject({ url: `/api/admin/enrollments?${query}`, headers: adminHeaders() });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const act = (method: 'POST' | 'DELETE', url: string, payload?: object) =>
    as(t.app, admin, { method, url: `/api/admin/enrollments/${url}`, ...(payload ? { payload } : {}) });

  it('finds fragments from the middle of a name, a tech ID and a VIN, folded', async () => {
    await submit(t, files, {
      techId: 'FRAG-7731',
      fullName: 'Søren Grünewald',
      vin: '1FTFW1ET9DFC10312',
      year: 2013,
      make: 'Ford',
      model: 'F-150',
    });
    await submit(t, files, { techId: 'FRAG-8842', fullName: 'Bea Grunberg' });
    expect(techIds(await search('unewa'))).toEqual(['FRAG-7731']);
    expect(techIds(await search('GRÜN'))).toEqual(['FRAG-7731', 'FRAG-8842']);
    expect(techIds(await search('soren g'))).toEqual(['FRAG-7731']);
    expect(techIds(await search('773'))).toEqual(['FRAG-7731']);
    expect(techIds(await search('dfc103'))).toEqual(['FRAG-7731']);
    // Characters that mean something to the index's query language are only text here.
    for (const term of ['"gr', 'gr"', 'a OR b', 'grü*', '50%', 'NEAR(x']) expect((await search(term)).total).toBe(0);
  });

  it('refuses a term too short for the index with the field named, and ignores a blank one', async () => {
    for (const term of ['g', 'ab', ' ab ', 'ß']) {
      const response = await t.app.inject({
        url: `/api/admin/enrollments?search=${encodeURIComponent(term)}`,
        headers: adminHeaders(),
      });
      expect(response.statusCode, term).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'search' });
      expect(response.json().error.message).toMatch(/at least 3 characters/);
    }
    // The length counted is the folded one: "ß" becomes "ss", still two characters.
    expect((await search('   ')).total).toBeGreaterThanOrEqual(2);
  });

  it('follows resubmission, soft delete, restore and purge', async () => {
    const first = await submit(t, files, { techId: 'SYNC-4410', fullName: 'Odalys Vantongeren' });
    await submit(t, files, { techId: 'SYNC-4410', fullName: 'Odalys Vantongeren', comment: 'second revision' });
    // The list hides superseded revisions unless asked; the index holds both.
    expect((await search('vantong')).total).toBe(1);
    expect((await search('vantong', '&status=all')).total).toBe(2);

    const current = (await search('vantong')).items[0].id as string;
    expect((await act('DELETE', current)).statusCode).toBe(200);
    expect((await search('vantong')).total).toBe(0);
    expect((await search('vantong', '&status=deleted')).total).toBe(1);
    expect((await act('POST', `${current}/restore`)).statusCode).toBe(200);
    expect((await search('vantong')).total).toBe(1);

    clock.advance(10 * MINUTE);
    const purged = await act('POST', `${first.id}/purge`, { confirm: first.reference });
    expect(purged.statusCode, purged.body).toBe(204);
    expect((await search('vantong', '&status=all')).total).toBe(0);
    expect((await search('vantong', '&status=deleted')).total).toBe(0);
    await expectIndexMatchesTable(t.runtime.db);
  });

  it('finds enrollments brought in by the legacy import', async () => {
    const temp = await makeTempDir('byov-search-legacy-');
    try {
      const installation = await writeLegacyInstallation(path.join(temp.dir, 'old'), 'head');
      await importLegacy(t.config, { source: installation.root, timeZone: 'UTC', apply: true });
      expect(techIds(await search('x100'))).toEqual(['TX1001']);
      await expectIndexMatchesTable(t.runtime.db);
    } finally {
      await temp.remove();
    }
  });
});

describeEachEngine('the search index after a backup is restored', (engine) => {
  it('holds exactly the restored enrollments, none of those the restore replaced', async () => {
    const source = await createFixture(engine);
    const target = await createFixture(engine);
    try {
      await withRuntime(source, async (runtime) => {
        await insertNamed(runtime.db, 'Ptolemy Backupsson');
        await createBackup(runtime, { kind: 'manual' });
      });
      await withRuntime(target, (runtime) => insertNamed(runtime.db, 'Replaced Personne'));
      const newest = (await listBackups(source.config.paths.backups)).find((b) => b.kind === 'manual');
      await restoreBackup(target.config, await resolveBackup(target.config.paths.backups, newest?.path as string));
      await withRuntime(target, async (runtime) => {
        expect((await find(runtime.db, 'backupss')).map((r) => r.full_name)).toEqual(['Ptolemy Backupsson']);
        expect(await find(runtime.db, 'personne')).toEqual([]);
        await expectIndexMatchesTable(runtime.db);
      });
    } finally {
      await source.dispose();
      await target.dispose();
    }
  });
});

describeEachEngine('the list count', (engine) => {
  it('is exact up to COUNT_LIMIT matches and a labelled lower bound beyond', async () => {
    const fixture = await createFixture(engine);
    try {
      await withRuntime(fixture, async (runtime) => {
        const rows = Array.from({ length: COUNT_LIMIT + 1 }, (_, i) =>
          enrollmentRow(i === 0 ? 'Unique Countess' : 'Many Same'),
        );
        for (let at = 0; at < rows.length; at += 500) {
          await runtime.db.kysely
            .insertInto('enrollments')
            .values(rows.slice(at, at + 500))
            .execute();
        }
        const query = { sort: 'created_at', order: 'desc', limit: 25, offset: 0 } as const;
        const all = await searchEnrollments(runtime.db.kysely, query);
        expect({ total: all.total, totalExact: all.totalExact, rows: all.rows.length }).toEqual({
          total: COUNT_LIMIT,
          totalExact: false,
          rows: 25,
        });
        const one = await searchEnrollments(runtime.db.kysely, { ...query, search: 'countess' });
        expect({ total: one.total, totalExact: one.totalExact }).toEqual({ total: 1, totalExact: true });
        const many = await searchEnrollments(runtime.db.kysely, { ...query, search: 'many same' });
        expect({ total: many.total, totalExact: many.totalExact }).toEqual({ total: COUNT_LIMIT, totalExact: true });
      });
    } finally {
      await fixture.dispose();
    }
  });
});

async function insertNamed(db: Db, fullName: string): Promise<void> {
  await insertEnrollment(db.kysely, enrollmentRow(fullName));
}

async function find(db: Db, term: string) {
  const { rows } = await searchEnrollments(db.kysely, {
    search: foldForSearch(term),
    sort: 'created_at',
    order: 'desc',
    limit: 10,
    offset: 0,
  });
  return rows;
}

/** On SQLite the FTS5 table is a second copy: it must name exactly the enrollments there are. */
async function expectIndexMatchesTable(db: Db): Promise<void> {
  if (db.engine !== 'sqlite') return;
  const stale = await sql<{ n: number }>`select count(*) as n from enrollment_search_keys k
    where not exists (select 1 from enrollments e where e.id = k.enrollment_id)`.execute(db.kysely);
  const missing = await sql<{ n: number }>`select count(*) as n from enrollments e
    where not exists (select 1 from enrollment_search_keys k where k.enrollment_id = e.id)`.execute(db.kysely);
  const indexed = await sql<{ n: number }>`select count(*) as n from enrollment_search_keys`.execute(db.kysely);
  const total = await sql<{ n: number }>`select count(*) as n from enrollments`.execute(db.kysely);
  expect({ stale: stale.rows[0]?.n, missing: missing.rows[0]?.n }).toEqual({ stale: 0, missing: 0 });
  expect(indexed.rows[0]?.n).toBe(total.rows[0]?.n);
}
