/**
 * A new backup's SQLite copy gets `quick_check`; on a large database it runs in a thread on the
 * live database's very commit while that commit is copied. Restore and verify run the full `integrity_check` on their working copy. An index that
 * disagrees with its table passes the quick check, so restore and verify rebuild the copy's
 * indexes from the tables: a backup listed as verified stays restorable.
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackup } from '../../src/backup/create-backup.js';
import { inspectDatabase, inspectDatabaseAside } from '../../src/backup/inspect-database.js';
import { takeCheckedSqliteSnapshot } from '../../src/backup/snapshot-sqlite.js';
import { sha256File } from '../../src/files/durable-fs.js';
import type { Runtime } from '../../src/runtime.js';
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
/** Snapshots taken under a writer before giving up on seeing one copy the file itself. */
const MAX_SNAPSHOTS = 30;

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

  /** A snapshot of the live database into `name` in the fixture's folder, through the thread. */
  async function snapshotInto(runtime: Runtime, name: string) {
    const copy = path.join(fixture.dir, name);
    return { copy, ...(await takeCheckedSqliteSnapshot(runtime.db.kysely, liveFile, copy, ALWAYS_THREAD)) };
  }

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
      const methods: string[] = [];
      await withRuntime(fixture, async (runtime) => {
        // The file is copied only when the log could be folded in whole. The writer's own
        // automatic checkpoint, or its read at that instant, can be in the way (more often on a
        // busy machine); that snapshot then takes the backup API. Snapshots go on until one
        // copied the file.
        for (let i = 0; i < 4 || (!methods.includes('file copy') && i < MAX_SNAPSHOTS); i++) {
          const { copy, inspection, sha256, copiedBy } = await snapshotInto(runtime, `snapshot-${i}.sqlite`);
          expect(inspection.problems).toEqual([]);
          methods.push(copiedBy);
          if (copiedBy === 'file copy') expect(sha256).toBe(await sha256File(copy));
          const copied = await inspectDatabase(copy, 'full');
          expect(copied.problems).toEqual([]);
          // The thread read the live database, not the copy: equal counts mean the same commit.
          expect(inspection.contents?.tables).toEqual(copied.contents?.tables);
          counts.push(copied.contents?.tables.audit_events ?? 0);
        }
      });
      // The writer kept committing throughout, so each snapshot is a later commit.
      expect([...counts].sort((a, b) => a - b)).toEqual(counts);
      expect(counts.at(-1)).toBeGreaterThan(counts[0] as number);
      // Between two commits no reader needs the log's older pages, so the file itself is copied.
      expect(methods).toContain('file copy');
    } finally {
      writer?.kill('SIGKILL');
    }
  });

  it('copies the file of the commit as a self-contained database whose hash it returns', async () => {
    await withRuntime(fixture, async (runtime) => {
      await seedEnrollments(runtime, 5);
      const { copy, inspection, sha256, copiedBy } = await snapshotInto(runtime, 'pinned.sqlite');
      expect(copiedBy).toBe('file copy');
      expect(sha256).toBe(await sha256File(copy));
      const header = (await readFile(copy)).subarray(18, 20);
      expect([...header]).toEqual([1, 1]);
      const reopened = new Database(copy, { readonly: true, fileMustExist: true });
      try {
        expect(reopened.pragma('journal_mode', { simple: true })).toBe('delete');
      } finally {
        reopened.close();
      }
      expect(existsSync(`${copy}-wal`)).toBe(false);
      expect((await inspectDatabase(copy, 'full')).contents?.tables).toEqual(inspection.contents?.tables);
    });
  });

  it('leaves this process its SQLite locks on the database file, so no other process folds the log away', async () => {
    await withRuntime(fixture, async (runtime) => {
      await seedEnrollments(runtime, 1);
      expect(heldLocks(liveFile)).toBeGreaterThan(0);
      const { copiedBy } = await snapshotInto(runtime, 'locks.sqlite');
      expect(copiedBy).toBe('file copy');
      await seedEnrollments(runtime, 2);
      // Closing any descriptor of the file in this process would have dropped them all.
      expect(heldLocks(liveFile)).toBeGreaterThan(0);
      // What losing them does: a process closing its connection takes itself for the last one
      // and deletes the log this runtime still writes to (the sqlite3 shell does; recent
      // SQLite builds check more).
      const shell = spawnSync('sqlite3', [liveFile, 'select count(*) from enrollments;'], { encoding: 'utf8' });
      if (shell.error === undefined) expect(shell.status, shell.stderr).toBe(0);
      expect(existsSync(`${liveFile}-wal`)).toBe(true);
    });
  });

  it('passes on the error code of a copy that fails, so that a full disk is reported as such', async () => {
    await withRuntime(fixture, async (runtime) => {
      await expect(snapshotInto(runtime, path.join('no-such-folder', 'copy.sqlite'))).rejects.toMatchObject({
        code: 'ENOENT',
      });
      // Nothing is left holding the database: the next snapshot copies the file again.
      const { copiedBy } = await snapshotInto(runtime, 'after-failure.sqlite');
      expect(copiedBy).toBe('file copy');
    });
  });

  it('copies page by page when a reader still needs older pages of the log', async () => {
    await withRuntime(fixture, async (runtime) => {
      // This reader's view predates the commits below, so the log cannot be copied back yet.
      const reader = new Database(liveFile, { readonly: true });
      reader.exec('begin');
      const before = reader.prepare('select count(*) as n from enrollments').get() as { n: number };
      try {
        await seedEnrollments(runtime, 4);
        const { copy, inspection, sha256, copiedBy } = await snapshotInto(runtime, 'paged.sqlite');
        expect(copiedBy).toBe('backup API');
        expect(sha256).toBeUndefined();
        const copied = await inspectDatabase(copy, 'full');
        expect(copied.problems).toEqual([]);
        expect(copied.contents?.tables).toEqual(inspection.contents?.tables);
        expect(copied.contents?.tables.enrollments).toBe(before.n + 4);
      } finally {
        reader.exec('rollback');
        reader.close();
      }
    });
  });

  it('reports a damaged live database from the thread, and copies nothing of garbage', async () => {
    await withRuntime(fixture, (runtime) => seedEnrollments(runtime, 20));
    await withRuntime(fixture, async (runtime) => {
      const handle = await open(liveFile, 'r+');
      const { size } = await handle.stat();
      await handle.write(Buffer.alloc(512, 0xa5), 0, 512, size - 3 * 4096);
      await handle.close();
      const checked = await snapshotInto(runtime, 'damaged.sqlite');
      expect(checked.inspection.problems.join()).toMatch(/quick_check|cannot be read|malformed/);
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

/** POSIX locks this process holds on `file`, from Linux's /proc/locks (Infinity elsewhere). */
function heldLocks(file: string): number {
  if (!existsSync('/proc/locks')) return Number.POSITIVE_INFINITY;
  const inode = statSync(file).ino;
  return readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[4] === String(process.pid) && fields[5]?.endsWith(`:${inode}`)).length;
}
