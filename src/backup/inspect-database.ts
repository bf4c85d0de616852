import { stat } from 'node:fs/promises';
import SqliteDatabase from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { Piscina } from 'piscina';
import type { Database } from '../storage/database.js';
import { type Db, openDb } from '../storage/db.js';
import { threadEntry } from '../workers/thread-entry.js';
import { findMissingTables, readSnapshotContents, type SnapshotContents } from './snapshot-contents.js';

export interface DatabaseInspection {
  problems: string[];
  /** Null when the file could not be read as a database of this product. */
  contents: SnapshotContents | null;
  /** Set when every problem found is an index that disagrees with its table (see `inspectCopyRebuildingIndexes`). */
  onlyIndexesDisagree?: true;
}

/**
 * `full` is SQLite's `integrity_check`; `quick` is its `quick_check`, which reads every page and
 * checks the structure, constraints and records but not that each index matches its table, in
 * about a third of the time. A new backup's copy is made page for page from the live database,
 * so it gets the quick check; `byov verify`, restore and the live-data check run the full one.
 */
export type CheckLevel = 'quick' | 'full';

const SHOWN_INTEGRITY_LINES = 5;

/** Databases smaller than this are inspected inline: a thread's start-up would cost more than it overlaps. */
export const THREAD_MIN_BYTES = 32 * 1024 * 1024;

/**
 * Opens a SQLite file read-only and checks it the way SQLite recommends before trusting a copy:
 * `integrity_check` (or `quick_check`) must say exactly `ok` and `foreign_key_check` must return
 * nothing. Then reads what it holds. Every problem is collected; none is thrown.
 */
export async function inspectDatabase(file: string, level: CheckLevel = 'full'): Promise<DatabaseInspection> {
  const opened = openForInspection(file);
  if (!('kysely' in opened)) return opened;
  try {
    return await inspectOpenDatabase(opened.kysely, level);
  } finally {
    await opened.close();
  }
}

/** The file opened read-only, or the inspection that says why it cannot be. */
export function openForInspection(file: string): Db | DatabaseInspection {
  try {
    return openDb({ engine: 'sqlite', file }, { readonly: true });
  } catch (error) {
    return { problems: [`The database cannot be opened: ${describeSqliteError(error)}.`], contents: null };
  }
}

/** `inspectDatabase` of a database already open (and perhaps inside a read transaction). */
export async function inspectOpenDatabase(db: Kysely<Database>, level: CheckLevel): Promise<DatabaseInspection> {
  const problems: string[] = [];
  try {
    const integrity = await checkIntegrity(db, level);
    problems.push(...integrity.problems);
    const missing = await findMissingTables(db);
    if (missing.length > 0) {
      problems.push(`The database is not a BYOV Enrollment database: it has no table ${missing.join(', ')}.`);
      return { problems, contents: null };
    }
    const foreignKeyProblems = await checkForeignKeys(db);
    problems.push(...foreignKeyProblems);
    const contents = await readSnapshotContents(db);
    const indexesOnly = integrity.indexesOnly && foreignKeyProblems.length === 0;
    return { problems, contents, ...(indexesOnly ? { onlyIndexesDisagree: true as const } : {}) };
  } catch (error) {
    return unreadable(error, problems);
  }
}

/** The inspection of a database that SQLite failed to read, after the problems found so far. */
export function unreadable(error: unknown, problemsSoFar: string[] = []): DatabaseInspection {
  return {
    problems: [...problemsSoFar, `The database cannot be read: ${describeSqliteError(error)}.`],
    contents: null,
  };
}

async function checkIntegrity(
  db: Kysely<Database>,
  level: CheckLevel,
): Promise<{ problems: string[]; indexesOnly: boolean }> {
  const pragma = level === 'full' ? 'integrity_check' : 'quick_check';
  const { rows } = await sql<Record<string, string>>`pragma ${sql.raw(pragma)}`.execute(db);
  const lines = rows.map((r) => Object.values(r)[0] ?? '');
  if (lines.length === 1 && lines[0] === 'ok') return { problems: [], indexesOnly: false };
  const shown = lines.slice(0, SHOWN_INTEGRITY_LINES).join('; ');
  const more = lines.length > SHOWN_INTEGRITY_LINES ? ` (and ${lines.length - SHOWN_INTEGRITY_LINES} more)` : '';
  const indexesOnly = lines.every((line) => INDEX_ONLY_PROBLEM.test(line));
  return { problems: [`PRAGMA ${pragma} failed: ${shown}${more}.`], indexesOnly };
}

/** Lines of `integrity_check` that say an index disagrees with its table, and nothing worse. */
const INDEX_ONLY_PROBLEM = /^(row \d+ missing from index |wrong # of entries in index |non-unique entry in index )/;

/**
 * `inspectDatabase` (full) of a working copy that this process owns, such as the one restore
 * builds the new database from. When the only findings are indexes that disagree with their
 * tables, the tables themselves passed every check, so the copy's indexes are rebuilt from them
 * (`REINDEX`) and it is checked again: a backup whose quick check passed stays restorable.
 */
export async function inspectCopyRebuildingIndexes(file: string): Promise<DatabaseInspection> {
  const first = await inspectDatabase(file, 'full');
  if (!first.onlyIndexesDisagree) return first;
  const copy = new SqliteDatabase(file, { fileMustExist: true });
  try {
    copy.exec('REINDEX');
  } catch {
    // A unique index whose table holds duplicates cannot be rebuilt: the findings stand.
    return first;
  } finally {
    copy.close();
  }
  return inspectDatabase(file, 'full');
}

/**
 * `inspectDatabase` in a worker thread for a large file, so that the caller can hash the same
 * file meanwhile: on two cores the check and the hash then cost the longer of the two, not both.
 */
export async function inspectDatabaseAside(
  file: string,
  level: ThreadTask['level'],
  threadMinBytes = THREAD_MIN_BYTES,
): Promise<DatabaseInspection> {
  if ((await stat(file)).size < threadMinBytes) return inspectAtLevel(file, level);
  const pool = new Piscina({ ...threadEntry(import.meta.url, 'inspect-database-thread'), maxThreads: 1 });
  try {
    const answer = (await pool.run({ file, level } satisfies ThreadTask)) as ThreadAnswer;
    if (!answer.ok) throw new Error(`The database check thread failed: ${answer.message}`);
    return answer.inspection;
  } finally {
    await pool.destroy();
  }
}

/** `inspectCopyRebuildingIndexes` is asked for as a level of its own, so that it can run in the thread too. */
export function inspectAtLevel(file: string, level: ThreadTask['level']): Promise<DatabaseInspection> {
  return level === 'full, rebuilding indexes' ? inspectCopyRebuildingIndexes(file) : inspectDatabase(file, level);
}

export interface ThreadTask {
  file: string;
  level: CheckLevel | 'full, rebuilding indexes';
}

export type ThreadAnswer = { ok: true; inspection: DatabaseInspection } | { ok: false; message: string };

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
