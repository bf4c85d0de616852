import { on } from 'node:events';
import { stat } from 'node:fs/promises';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { Piscina } from 'piscina';
import { fsyncPath } from '../files/durable-fs.js';
import type { Database } from '../storage/database.js';
import { openSqliteFile } from '../storage/db.js';
import { threadEntry } from '../workers/thread-entry.js';
import { type DatabaseInspection, inspectDatabase, THREAD_MIN_BYTES, type ThreadAnswer } from './inspect-database.js';

/** better-sqlite3 clamps the page count of a step to this. */
const ALL_PAGES = 0x7fffffff;

export interface LiveCheckTask {
  file: string;
  /** The thread says "opened" and "reading" on it; it waits on it for "begin". */
  port: MessagePort;
}

/**
 * Copies the live SQLite database to `destFile` and gives the copy its quick check
 * (`quick_check`, `foreign_key_check`, the contents read back).
 *
 * A database under THREAD_MIN_BYTES is copied, then checked inline. On a larger one the check
 * runs in a thread on the live database while the copy is made, instead of on the copy
 * afterwards: both take seconds per gigabyte. The two see the same commit
 * because both read transactions start while `db`'s connection holds the write lock, and the
 * online backup API copies every page of that commit unchanged. The caller hashes the copy.
 */
export async function takeCheckedSqliteSnapshot(
  db: Kysely<Database>,
  liveFile: string,
  destFile: string,
  threadMinBytes = THREAD_MIN_BYTES,
): Promise<DatabaseInspection> {
  if ((await stat(liveFile)).size < threadMinBytes) {
    const source = openSqliteFile(liveFile, true);
    try {
      await copyCommit(source, destFile);
    } finally {
      source.close();
    }
    return inspectDatabase(destFile, 'quick');
  }
  const pool = new Piscina({ ...threadEntry(import.meta.url, 'live-commit-check-thread'), maxThreads: 1 });
  const { port1: port, port2: threadPort } = new MessageChannel();
  const task: LiveCheckTask = { file: liveFile, port: threadPort };
  const answer = pool.run(task, { transferList: [threadPort] }) as Promise<ThreadAnswer>;
  const said = on(port, 'message');
  // The thread's next word, or its answer when it finished instead (it could not open or read).
  const next = () => Promise.race([said.next().then((m) => (m.value as [string])[0]), answer.then(inspectionOf)]);
  try {
    if ((await next()) !== 'opened') return inspectionOf(await answer);
    const source = openSqliteFile(liveFile, true);
    try {
      const reading = await withCommitsHeld(db, async () => {
        port.postMessage('begin');
        const reply = await next();
        if (reply === 'reading') startReading(source);
        return reply === 'reading';
      });
      if (!reading) return inspectionOf(await answer);
      await copyCommit(source, destFile);
    } finally {
      source.close();
    }
    return inspectionOf(await answer);
  } finally {
    port.close();
    await pool.destroy();
  }
}

/** A read transaction takes its view at its first read; the backup API then copies that view. */
function startReading(source: SqliteDatabase.Database): void {
  source.exec('begin');
  source.prepare('select count(*) from sqlite_schema').get();
}

/**
 * Copies every page of the commit `source` reads (its open read transaction, or the newest) to
 * `destFile` through SQLite's online backup API.
 *
 * SQLite restarts an online backup whenever another connection writes between two steps, so a
 * busy server could starve a stepwise copy forever. Asking for every page in one step makes the
 * copy a single read transaction: it always completes, writers keep going (WAL), and the copy is
 * the database at exactly one commit.
 */
async function copyCommit(source: SqliteDatabase.Database, destFile: string): Promise<void> {
  await source.backup(destFile, { progress: () => ALL_PAGES });
  // The copy inherits WAL mode; a self-contained rollback-journal file opens anywhere (read-only,
  // or by hand with the sqlite3 CLI) without -wal and -shm files appearing beside it.
  const copy = new SqliteDatabase(destFile, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  // SQLite syncs its own commits, but the backup API makes no promise about the whole file.
  await fsyncPath(destFile);
}

/**
 * Runs `fn` while `db`'s connection holds the write lock, so that no commit lands meanwhile,
 * whichever process makes it. Taken through Kysely, the server's own queries wait their turn
 * instead of busy-waiting on the lock with the event loop blocked.
 */
function withCommitsHeld<T>(db: Kysely<Database>, fn: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      return await fn();
    } finally {
      await sql`rollback`.execute(connection);
    }
  });
}

function inspectionOf(answer: ThreadAnswer): DatabaseInspection {
  if (!answer.ok) throw new Error(`The database check thread failed: ${answer.message}`);
  return answer.inspection;
}
