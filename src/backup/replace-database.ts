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

/**
 * Puts `replacement` in place of the live SQLite database with one atomic rename: a kill at any
 * moment leaves either the old file or the new one. The live WAL must be checkpointed and gone
 * first, because a WAL left beside the new file would be replayed into it.
 */
export async function swapSqliteDatabase(liveFile: string, replacement: string): Promise<void> {
  if (await exists(liveFile)) {
    const live = new SqliteDatabase(liveFile, { fileMustExist: true });
    try {
      live.pragma('busy_timeout = 10000');
      live.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      live.close();
    }
    // The last connection to close deletes the WAL; if it is still there, someone else has the
    // database open, and swapping the file under them would split them from the new data.
    if (await exists(`${liveFile}-wal`)) {
      throw new AppError(
        'DATA_FOLDER_IN_USE',
        'Another process still has the database open (its write-ahead log is still there). Nothing was ' +
          'replaced. Stop every process using the data folder, then run the restore again.',
      );
    }
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
