/**
 * (2) `byov check` finds a damaged database and damaged or missing stored files, naming the
 * enrollments they touch; (3) `byov repair` puts files back from the newest backup holding their
 * hash, reports what it could not repair, and the server never serves a file whose bytes do not
 * match its hash.
 */
import { open, rm, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkLiveData } from '../../src/backup/check-live-data.js';
import { createBackup } from '../../src/backup/create-backup.js';
import { collectStatus } from '../../src/cli/commands/status.js';
import { sha256File } from '../../src/files/durable-fs.js';
import type { Runtime } from '../../src/runtime.js';
import { adminHeaders, startTestApp } from '../support/app-harness.js';
import { flipByte } from '../support/damage.js';
import { describeEachEngine } from '../support/engines.js';
import { createFixture, type Fixture, runByov, seedEnrollments, withRuntime } from './support.js';

describeEachEngine('check and repair the live data', (engine) => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await createFixture(engine);
  });
  afterAll(() => fixture.dispose());

  it('names each damaged or missing file and its enrollment, then repairs what a backup holds', {
    timeout: 240_000,
  }, async () => {
    const { damaged, deleted, lost } = await withRuntime(fixture, async (runtime) => {
      const [first, second] = await seedEnrollments(runtime, 2);
      await createBackup(runtime, { kind: 'manual' });
      const [third] = await seedEnrollments(runtime, 1);
      const damaged = await firstFileOf(runtime, first as string);
      const deleted = await firstFileOf(runtime, second as string);
      const lost = await firstFileOf(runtime, third as string);
      await flipByte(runtime.files.pathOf(damaged));
      await rm(runtime.files.pathOf(deleted));
      await flipByte(runtime.files.pathOf(lost));
      return {
        damaged: { key: damaged, enrollment: first },
        deleted: { key: deleted, enrollment: second },
        lost: { key: lost, enrollment: third },
      };
    });
    const expectedProblems = [
      { storageKey: damaged.key, problem: 'damaged', enrollmentIds: [damaged.enrollment] },
      { storageKey: deleted.key, problem: 'missing', enrollmentIds: [deleted.enrollment] },
      { storageKey: lost.key, problem: 'damaged', enrollmentIds: [lost.enrollment] },
    ].sort((a, b) => (a.storageKey < b.storageKey ? -1 : 1));

    const check = await runByov(['check', '--json'], fixture.env);
    expect(check.code).toBe(1);
    const report = JSON.parse(check.stdout);
    expect(report).toMatchObject({ ok: false, database: [], files: { checked: 21 } });
    expect(report.files.problems).toMatchObject(expectedProblems);
    // What the check found is what status (and /health, the overview) report from now on.
    expect(await withRuntime(fixture, async (runtime) => (await collectStatus(runtime)).liveData)).toMatchObject({
      status: 'error',
      problems: 3,
    });

    const repair = await runByov(['repair', '--json'], fixture.env);
    expect(repair.code).toBe(1);
    const repaired = JSON.parse(repair.stdout);
    expect(repaired.repaired.map((r: { storageKey: string }) => r.storageKey).sort()).toEqual(
      [damaged.key, deleted.key].sort(),
    );
    expect(repaired.unrepaired).toMatchObject([{ storageKey: lost.key, enrollmentIds: [lost.enrollment] }]);
    await withRuntime(fixture, async (runtime) => {
      // The repair leaves only what it could not put back.
      expect((await collectStatus(runtime)).liveData).toMatchObject({ status: 'error', problems: 1 });
      expect(await sha256File(runtime.files.pathOf(damaged.key))).toBe(damaged.key);
      expect(await sha256File(runtime.files.pathOf(deleted.key))).toBe(deleted.key);
      const after = await checkLiveData(runtime);
      expect(after.files.problems.map((p) => p.storageKey)).toEqual([lost.key]);
    });
  });

  it('reports a database that fails integrity_check', { timeout: 120_000 }, async () => {
    if (engine !== 'sqlite') return;
    const broken = await createFixture('sqlite');
    try {
      await withRuntime(broken, (runtime) => seedEnrollments(runtime, 20));
      const file = broken.config.database.engine === 'sqlite' ? broken.config.database.file : '';
      const handle = await open(file, 'r+');
      const { size } = await handle.stat();
      await handle.write(Buffer.alloc(512, 0xa5), 0, 512, size - 3 * 4096);
      await handle.close();
      const check = await runByov(['check', '--json'], broken.env);
      expect(check.code, check.stdout).toBe(1);
      expect(check.stdout).toMatch(/integrity_check|cannot be read|malformed/);

      // Not a database at all: still a report naming the problem, not a stack trace.
      await writeFile(file, Buffer.alloc(64 * 1024, 'not a database '));
      const garbage = await runByov(['check', '--json'], broken.env);
      expect(garbage.code, garbage.stderr).toBe(1);
      expect(JSON.parse(garbage.stdout)).toMatchObject({
        ok: false,
        database: [expect.stringMatching(/cannot be opened/)],
      });
    } finally {
      await broken.dispose();
    }
  });
});

describeEachEngine('never serving a damaged stored file', (engine) => {
  it('answers FILE_DAMAGED naming the document instead of the bytes', async () => {
    const t = await startTestApp(engine);
    try {
      const [id] = await seedEnrollments(t.runtime, 1);
      const document = await t.runtime.db.kysely
        .selectFrom('documents')
        .select(['id', 'storage_key'])
        .where('enrollment_id', '=', id as string)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const url = `/api/admin/documents/${document.id}`;
      expect((await t.app.inject({ url, headers: adminHeaders() })).statusCode).toBe(200);
      await flipByte(t.runtime.files.pathOf(document.storage_key));
      const response = await t.app.inject({ url, headers: adminHeaders() });
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toMatchObject({ code: 'FILE_DAMAGED' });
      expect(response.json().error.message).toContain(document.id);
    } finally {
      await t.close();
    }
  });
});

async function firstFileOf(runtime: Runtime, enrollmentId: string): Promise<string> {
  const row = await runtime.db.kysely
    .selectFrom('documents')
    .select('storage_key')
    .where('enrollment_id', '=', enrollmentId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return row.storage_key;
}
