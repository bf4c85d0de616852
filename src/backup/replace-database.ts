import { rm, stat } from 'node:fs/promises';
import SqliteDatabase from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { AppError } from '../errors.js';
import { fsyncPath, renameDurably } from '../files/durable-fs.js';
import { type Database, TABLES } from '../storage/database.js';
import { openDb } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrate.js';
import { insertRows, readSnapshotRows } from './snapshot-rows.js';

/** Where a SQLite restore builds the new database: beside the live one, so the swap is a rename. */
export function restoringPathOf(liveFile: string): string {
  return `${liveFile}.restoring`;
}

/** Removes a half-built database left by a killed restore (the live database never depends on it). */
export async function removeRestoringLeftovers(liveFile: string): Promise<void> {
  const base = restoringPathOf(liveFile);
  for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${base}${suffix}`, { force: true });
}

/**
 * Brings a checked copy to the current schema and makes it a complete, self-contained file:
 * WAL mode with full sync like the live database, every page in the main file, nothing beside it.
 */
export async function finishDatabaseCopy(file: string): Promise<string[]> {
  const db = openDb({ engine: 'sqlite', file });
  let applied: string[];
  try {
    applied = await migrateToLatest(db.kysely);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db.kysely);
  } finally {
    await db.close();
  }
  await fsyncPath(file);
  return applied;
}

/** Checkpoints the live WAL into the file; false when SQLite cannot read the file at all. */
async function checkpointIfReadable(liveFile: string): Promise<boolean> {
  let live: SqliteDatabase.Database | undefined;
  try {
    live = new SqliteDatabase(liveFile, { fileMustExist: true });
    live.pragma('busy_timeout = 10000');
    live.pragma('wal_checkpoint(TRUNCATE)');
    return true;
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return false;
    throw error;
  } finally {
    live?.close();
  }
}

async function passesQuickCheck(file: string): Promise<boolean> {
  let db: SqliteDatabase.Database | undefined;
  try {
    db = new SqliteDatabase(file, { fileMustExist: true, readonly: true });
    return db.pragma('quick_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/**
 * Puts `replacement` in place of the live SQLite database with one atomic rename: a kill at any
 * moment leaves either the old file or the new one. The live WAL must be checkpointed and gone
 * first, because a WAL left beside the new file would be replayed into it.
 */
export async function swapSqliteDatabase(liveFile: string, replacement: string): Promise<void> {
  if (await exists(liveFile)) {
    const readable = await checkpointIfReadable(liveFile);
    // A WAL that survives the checkpoint means another process has the database open, unless
    // the database is damaged (SQLite then cannot fold the WAL into it): its bytes are in the
    // partial safety backup, and a WAL left beside the new file would be replayed into it.
    if (readable && (await exists(`${liveFile}-wal`)) && (await passesQuickCheck(liveFile))) {
      throw new AppError(
        'DATA_FOLDER_IN_USE',
        'Another process still has the database open (its write-ahead log is still there). Nothing was ' +
          'replaced. Stop every process using the data folder, then run the restore again.',
      );
    }
    for (const suffix of ['-wal', '-shm']) await rm(`${liveFile}${suffix}`, { force: true });
  }
  await renameDurably(replacement, liveFile);
}

/**
 * Replaces every row of a PostgreSQL database with the rows of a SQLite copy at the same schema,
 * in ONE transaction: a kill or an error rolls everything back to the old rows.
 */
export async function replaceAllRows(db: Kysely<Database>, sqliteFile: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of [...TABLES].reverse()) await trx.deleteFrom(table).execute();
    await insertRows(trx, readSnapshotRows(sqliteFile, 'sqlite'));
  });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
