import { type Kysely, sql } from 'kysely';
import type { Database } from '../storage/database.js';
import { type Db, openDb } from '../storage/db.js';
import { findMissingTables, readSnapshotContents, type SnapshotContents } from './snapshot-contents.js';

export interface DatabaseInspection {
  problems: string[];
  /** Null when the file could not be read as a database of this product. */
  contents: SnapshotContents | null;
}

const SHOWN_INTEGRITY_LINES = 5;

/**
 * Opens a SQLite file read-only and checks it the way SQLite recommends before trusting a copy:
 * `integrity_check` must say exactly `ok` and `foreign_key_check` must return nothing. Then
 * reads what it holds. Every problem is collected; none is thrown.
 */
export async function inspectDatabase(file: string): Promise<DatabaseInspection> {
  let db: Db;
  try {
    db = openDb({ engine: 'sqlite', file }, { readonly: true });
  } catch (error) {
    return { problems: [`The database cannot be opened: ${describeSqliteError(error)}.`], contents: null };
  }
  const problems: string[] = [];
  try {
    problems.push(...(await checkIntegrity(db.kysely)));
    const missing = await findMissingTables(db.kysely);
    if (missing.length > 0) {
      problems.push(`The database is not a BYOV Enrollment database: it has no table ${missing.join(', ')}.`);
      return { problems, contents: null };
    }
    problems.push(...(await checkForeignKeys(db.kysely)));
    return { problems, contents: await readSnapshotContents(db.kysely) };
  } catch (error) {
    problems.push(`The database cannot be read: ${describeSqliteError(error)}.`);
    return { problems, contents: null };
  } finally {
    await db.close();
  }
}

async function checkIntegrity(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  const lines = rows.map((r) => r.integrity_check);
  if (lines.length === 1 && lines[0] === 'ok') return [];
  const shown = lines.slice(0, SHOWN_INTEGRITY_LINES).join('; ');
  const more = lines.length > SHOWN_INTEGRITY_LINES ? ` (and ${lines.length - SHOWN_INTEGRITY_LINES} more)` : '';
  return [`PRAGMA integrity_check failed: ${shown}${more}.`];
}

async function checkForeignKeys(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ table: string; parent: string }>`pragma foreign_key_check`.execute(db);
  const counts = new Map<string, number>();
  for (const row of rows) {
    const link = `${row.table} → ${row.parent}`;
    counts.set(link, (counts.get(link) ?? 0) + 1);
  }
  return [...counts].map(
    ([link, count]) => `PRAGMA foreign_key_check: ${count} row(s) of ${link} point to a missing parent row.`,
  );
}

/** SQLite's own messages ("file is not a database", …) name no data; anything else is a bug. */
function describeSqliteError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_') && error instanceof Error) return error.message;
  throw error;
}
