import { spawn } from 'node:child_process';
import { on, once } from 'node:events';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
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

export interface CheckedSnapshot {
  inspection: DatabaseInspection;
  /** Set when the copy was hashed while it was made (the file copy); otherwise the caller hashes it. */
  sha256?: string;
  /** How the commit was copied ('nothing' when the check failed first): the tests tell the two ways apart by it. */
  copiedBy: 'file copy' | 'backup API' | 'nothing';
}

/**
 * Copies the live SQLite database to `destFile` and gives the copy its quick check
 * (`quick_check`, `foreign_key_check`, the contents read back).
 *
 * A database under THREAD_MIN_BYTES is copied, then checked inline. On a larger one the check
 * runs in a thread on the live database while the copy is made, instead of on the copy
 * afterwards: both take seconds per gigabyte. The two see the same commit because both read
 * transactions start while `db`'s connection holds the write lock.
 *
 * In that moment the write-ahead log is also copied back into the database file when no reader
 * needs its older pages. The read transactions that then start read the file alone, and while
 * they last SQLite copies nothing more into it (commits go on, into the log). So the file's
 * bytes are that commit: a child process copies and hashes them in one pass, off the event
 * loop. Otherwise the online backup API copies the commit page by page, and the caller hashes
 * the copy.
 */
export async function takeCheckedSqliteSnapshot(
  db: Kysely<Database>,
  liveFile: string,
  destFile: string,
  threadMinBytes = THREAD_MIN_BYTES,
): Promise<CheckedSnapshot> {
  if ((await stat(liveFile)).size < threadMinBytes) {
    const source = openSqliteFile(liveFile, true);
    try {
      await copyCommit(source, destFile);
    } finally {
      source.close();
    }
    return { inspection: await inspectDatabase(destFile, 'quick'), copiedBy: 'backup API' };
  }
  const pool = new Piscina({ ...threadEntry(import.meta.url, 'live-commit-check-thread'), maxThreads: 1 });
  const { port1: port, port2: threadPort } = new MessageChannel();
  const task: LiveCheckTask = { file: liveFile, port: threadPort };
  const answer = pool.run(task, { transferList: [threadPort] }) as Promise<ThreadAnswer>;
  const said = on(port, 'message');
  // The thread's next word, or its answer when it finished instead (it could not open or read).
  const next = () => Promise.race([said.next().then((m) => (m.value as [string])[0]), answer.then(inspectionOf)]);
  const checkedAlone = async (): Promise<CheckedSnapshot> => ({
    inspection: inspectionOf(await answer),
    copiedBy: 'nothing',
  });
  try {
    if ((await next()) !== 'opened') return await checkedAlone();
    // Read-write only so that it may checkpoint; it writes no row.
    const source = new SqliteDatabase(liveFile, { fileMustExist: true });
    source.pragma('busy_timeout = 10000');
    try {
      const pinned = await withCommitsHeld(db, async () => {
        const fileIsCommit = checkpointWholeLog(source);
        port.postMessage('begin');
        if ((await next()) !== 'reading') return undefined;
        startReading(source);
        return { fileIsCommit };
      });
      if (!pinned) return await checkedAlone();
      const sha256 = pinned.fileIsCommit ? await copyFileOfCommit(source, liveFile, destFile) : undefined;
      if (sha256 === undefined) await copyCommit(source, destFile);
      const inspection = inspectionOf(await answer);
      return { inspection, ...(sha256 ? { sha256 } : {}), copiedBy: sha256 ? 'file copy' : 'backup API' };
    } finally {
      source.close();
    }
  } finally {
    port.close();
    await pool.destroy();
  }
}

/**
 * Copies every frame of the write-ahead log into the database file, without waiting for anyone.
 * True when the file now holds the newest commit: no reader needed older pages, no other
 * checkpoint was running, and (the write lock being held) no commit can follow before the
 * caller's read transaction starts.
 */
function checkpointWholeLog(source: SqliteDatabase.Database): boolean {
  try {
    const [result] = source.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    return result !== undefined && result.busy === 0 && result.log >= 0 && result.log === result.checkpointed;
  } catch {
    return false;
  }
}

/**
 * Copies the database file as `source`'s read transaction sees it, and returns its SHA-256; or
 * undefined when the file is shorter than that commit (then it is not the commit alone).
 */
async function copyFileOfCommit(
  source: SqliteDatabase.Database,
  liveFile: string,
  destFile: string,
): Promise<string | undefined> {
  const pageSize = source.pragma('page_size', { simple: true }) as number;
  const bytes = pageSize * (source.pragma('page_count', { simple: true }) as number);
  if ((await stat(liveFile)).size < bytes) return undefined;
  return copyDatabaseFile(liveFile, destFile, bytes);
}

/** Runs `copy-database-file-process` (see there why in a process of its own); returns the SHA-256. */
async function copyDatabaseFile(from: string, to: string, bytes: number): Promise<string> {
  const { filename, execArgv = [] } = threadEntry(import.meta.url, 'copy-database-file-process');
  const child = spawn(process.execPath, [...execArgv, fileURLToPath(filename), from, to, String(bytes)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const [exitCode] = (await once(child, 'close')) as [number | null];
  let said: { sha256?: string; error?: { code?: string; message: string } } = {};
  try {
    said = JSON.parse(stdout.trim().split('\n').pop() ?? '');
  } catch {
    // Reported below with what the process wrote to stderr.
  }
  if (said.sha256 && exitCode === 0) return said.sha256;
  if (said.error) throw Object.assign(new Error(said.error.message), { code: said.error.code });
  throw new Error(`The database copy process ended with code ${exitCode}: ${stderr.trim().slice(0, 500)}`);
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
