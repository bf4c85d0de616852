/**
 * A new backup's SQLite copy gets `quick_check`; on a large database it runs in a thread on the
 * live database's very commit while that commit is copied. Restore and verify run the full `integrity_check` on their working copy. An index that
 * disagrees with its table passes the quick check, so restore and verify rebuild the copy's
 * indexes from the tables: a backup listed as verified stays restorable.
 */
import type { ChildProcess } from 'node:child_process';
import { open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackup } from '../../src/backup/create-backup.js';
import { inspectDatabase, inspectDatabaseAside } from '../../src/backup/inspect-database.js';
import { takeCheckedSqliteSnapshot } from '../../src/backup/snapshot-sqlite.js';
import {
  createFixture,
  enrollmentIds,
  type Fixture,
  runByov,
  seedEnrollments,
  startCommitWriter,
  withRuntime,
} from './support.js';

/** Every database goes through the thread that checks the live commit while it is copied. */
const ALWAYS_THREAD = 0;

describe('checks of a SQLite snapshot', () => {
  let fixture: Fixture;
  let liveFile: string;

  beforeEach(async () => {
    fixture = await createFixture('sqlite');
    if (fixture.config.database.engine !== 'sqlite') throw new Error('SQLite only');
    liveFile = fixture.config.database.file;
    await withRuntime(fixture, (runtime) => seedEnrollments(runtime, 3));
  });
  afterEach(() => fixture.dispose());

  it('gives the same answer in a thread as inline, for a good file and for garbage', async () => {
    const inline = await inspectDatabase(liveFile, 'quick');
    expect(inline.problems).toEqual([]);
    expect(await inspectDatabaseAside(liveFile, 'quick', 0)).toEqual(inline);
    const garbage = path.join(fixture.dir, 'garbage.sqlite');
    await writeFile(garbage, Buffer.alloc(8192, 'not a database '));
    const aside = await inspectDatabaseAside(garbage, 'quick', 0);
    expect(aside).toEqual(await inspectDatabase(garbage, 'quick'));
    expect(aside.contents).toBeNull();
    expect(aside.problems[0]).toMatch(/cannot be opened|not a database/);
  });

  it('checks in a thread exactly the commit it copies, while another process commits', async () => {
    let writer: ChildProcess | undefined;
    try {
      writer = await startCommitWriter(fixture);
      const counts: number[] = [];
      await withRuntime(fixture, async (runtime) => {
        for (let i = 0; i < 4; i++) {
          const copy = path.join(fixture.dir, `snapshot-${i}.sqlite`);
          const checked = await takeCheckedSqliteSnapshot(runtime.db.kysely, liveFile, copy, ALWAYS_THREAD);
          expect(checked.problems).toEqual([]);
          const copied = await inspectDatabase(copy, 'full');
          expect(copied.problems).toEqual([]);
          // The thread read the live database, not the copy: equal counts mean the same commit.
          expect(checked.contents?.tables).toEqual(copied.contents?.tables);
          counts.push(copied.contents?.tables.audit_events ?? 0);
        }
      });
      // The writer kept committing throughout, so each snapshot is a later commit.
      expect([...counts].sort((a, b) => a - b)).toEqual(counts);
      expect(counts[3]).toBeGreaterThan(counts[0] as number);
    } finally {
      writer?.kill('SIGKILL');
    }
  });

  it('reports a damaged live database from the thread, and copies nothing of garbage', async () => {
    await withRuntime(fixture, (runtime) => seedEnrollments(runtime, 20));
    await withRuntime(fixture, async (runtime) => {
      const handle = await open(liveFile, 'r+');
      const { size } = await handle.stat();
      await handle.write(Buffer.alloc(512, 0xa5), 0, 512, size - 3 * 4096);
      await handle.close();
      const copy = path.join(fixture.dir, 'damaged.sqlite');
      const checked = await takeCheckedSqliteSnapshot(runtime.db.kysely, liveFile, copy, ALWAYS_THREAD);
      expect(checked.problems.join()).toMatch(/quick_check|cannot be read|malformed/);
    });
  });

  it('keeps a backup of a database whose index disagrees with its table restorable', { timeout: 240_000 }, async () => {
    const ids = await withRuntime(fixture, enrollmentIds);
    const index = makeIndexDisagree(liveFile);
    const live = await inspectDatabase(liveFile, 'full');
    expect(live.onlyIndexesDisagree).toBe(true);
    expect(live.problems.join()).toContain(index);
    expect((await inspectDatabase(liveFile, 'quick')).problems).toEqual([]);

    const backup = await withRuntime(fixture, (runtime) => createBackup(runtime, { kind: 'manual' }));
    const verify = await runByov(['verify', backup.name, '--json'], fixture.env);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });

    const restore = await runByov(['restore', backup.name, '--yes', '--json'], fixture.env);
    expect(restore.code, restore.stdout + restore.stderr).toBe(0);
    const restored = await inspectDatabase(liveFile, 'full');
    expect(restored.problems).toEqual([]);
    expect(await withRuntime(fixture, enrollmentIds)).toEqual(ids);
  });
});

/**
 * Changes an indexed value of audit_events to another row's while SQLite does not know the index (its schema row
 * is taken out and put back), so the index keeps the old key: integrity_check reports the row
 * missing from the index, quick_check sees nothing. Returns the index's name.
 */
function makeIndexDisagree(file: string): string {
  const db = new Database(file);
  const index = db
    .prepare("select * from sqlite_schema where type = 'index' and tbl_name = 'audit_events' and sql is not null")
    .get() as { type: string; name: string; tbl_name: string; rootpage: number; sql: string };
  const column = (db.prepare(`pragma index_info(${JSON.stringify(index.name)})`).all() as { name: string }[])[0]?.name;
  if (!column) throw new Error('audit_events has no index over a column');
  // Unsafe mode lifts SQLite's defensive flag, which forbids writing the schema table.
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare('delete from sqlite_schema where name = ?').run(index.name);
  db.close();
  const hidden = new Database(file);
  // Another existing value, so that foreign keys stay valid and only the index is wrong.
  const other = `(select "${column}" from audit_events where "${column}" is not null order by rowid desc limit 1)`;
  const changed = hidden
    .prepare(
      `update audit_events set "${column}" = ${other}
       where rowid = (select min(rowid) from audit_events where "${column}" is not ${other})`,
    )
    .run().changes;
  if (changed !== 1) throw new Error('no audit event to change');
  hidden.unsafeMode(true);
  hidden.pragma('writable_schema = ON');
  hidden
    .prepare('insert into sqlite_schema (type, name, tbl_name, rootpage, sql) values (?, ?, ?, ?, ?)')
    .run(index.type, index.name, index.tbl_name, index.rootpage, index.sql);
  hidden.close();
  return index.name;
}
