import SqliteDatabase from 'better-sqlite3';
import { fsyncPath } from '../files/durable-fs.js';
import { openSqliteFile } from '../storage/db.js';

/** better-sqlite3 clamps the page count of a step to this. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the live SQLite database to `destFile` through SQLite's online backup API.
 *
 * SQLite restarts an online backup whenever another connection writes between two steps, so a
 * busy server could starve a stepwise copy forever. Asking for every page in one step makes the
 * copy a single read transaction: it always completes, writers keep going (WAL), and the copy is
 * the database at exactly one commit.
 */
export async function takeSqliteSnapshot(liveFile: string, destFile: string): Promise<void> {
  const source = openSqliteFile(liveFile, true);
  try {
    await source.backup(destFile, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
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
