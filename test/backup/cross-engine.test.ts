/**
 * (e) A backup from either engine restores into either engine: SQLite → PostgreSQL → SQLite
 * through `backup` and `restore` keeps every row of every table and every file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackup } from '../../src/backup/create-backup.js';
import { listBackups } from '../../src/backup/list-backups.js';
import { resolveBackup } from '../../src/backup/resolve-backup.js';
import { restoreBackup } from '../../src/backup/restore-backup.js';
import { sha256File } from '../../src/files/durable-fs.js';
import type { Runtime } from '../../src/runtime.js';
import { insertAuditEvent } from '../../src/storage/repositories/audit.repository.js';
import { isEngineAvailable } from '../support/engines.js';
import { allRows, createFixture, type Fixture, seedDraft, seedEnrollments, withRuntime } from './support.js';

describe.skipIf(!isEngineAvailable('postgres'))('SQLite → PostgreSQL → SQLite', () => {
  const fixtures: Fixture[] = [];
  let sqliteSource: Fixture;
  let postgres: Fixture;
  let sqliteTarget: Fixture;

  beforeEach(async () => {
    sqliteSource = await createFixture('sqlite');
    postgres = await createFixture('postgres');
    sqliteTarget = await createFixture('sqlite');
    fixtures.push(sqliteSource, postgres, sqliteTarget);
  });
  afterEach(async () => {
    for (const fixture of fixtures.splice(0)) await fixture.dispose();
  });

  it('keeps every row and every file hash', async () => {
    const original = await withRuntime(sqliteSource, async (runtime) => {
      await seedEnrollments(runtime, 4);
      await seedDraft(runtime);
      await runtime.db.kysely
        .insertInto('settings')
        .values({ key: 'checklist.tasks', value: '[{"key":"a","label":"Ä task"}]', updated_at: '2026-01-01T00:00:00Z' })
        .execute();
      await insertAuditEvent(runtime.db.kysely, {
        enrollmentId: null,
        actor: 'admin',
        action: 'settings.checklist_updated',
        occurredAt: new Date().toISOString(),
        details: { keys: ['unicode ✓ and "quotes"'] },
      });
      await createBackup(runtime, { kind: 'manual' });
      return snapshotOf(runtime);
    });

    const intoPostgres = await restoreFrom(sqliteSource, postgres);
    expect(intoPostgres.engine).toBe('postgres');
    const inPostgres = await withRuntime(postgres, async (runtime) => {
      await createBackup(runtime, { kind: 'manual' });
      return snapshotOf(runtime);
    });
    expect(inPostgres).toEqual(original);

    await restoreFrom(postgres, sqliteTarget);
    expect(await withRuntime(sqliteTarget, snapshotOf)).toEqual(original);
  });
});

/** Restores the newest regular backup of `from` into `to`, by path, as an operator moving data would. */
async function restoreFrom(from: Fixture, to: Fixture) {
  const newest = (await listBackups(from.config.paths.backups)).find((b) => b.kind === 'manual');
  const source = await resolveBackup(to.config.paths.backups, newest?.path as string);
  return restoreBackup(to.config, source);
}

/** Every row of every table, plus the hash of every stored file. */
async function snapshotOf(runtime: Runtime) {
  const files: Record<string, string> = {};
  for await (const file of runtime.files.list()) files[file.key] = await sha256File(runtime.files.pathOf(file.key));
  return { rows: await allRows(runtime.db.kysely), files };
}
