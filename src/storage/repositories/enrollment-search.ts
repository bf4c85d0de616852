import { type Kysely, type SelectQueryBuilder, SqliteAdapter, sql } from 'kysely';
import type { Database } from '../database.js';

type Executor = Kysely<Database>;

/** Fragments shorter than this have no trigram, so no text index can answer them. */
export const MIN_SEARCH_LENGTH = 3;

/**
 * A fragment held by at least this many enrollments is "common" on SQLite (see `planSearch`).
 * At a million rows a page of a fragment this rare costs about as much either way (some 15 ms).
 */
const COMMON_MATCHES = 2_000;

/**
 * How a "contains" search over the folded copy of name, tech ID and VIN (case and accents ignored
 * alike on both engines) is answered, from each engine's trigram index (migration 0016):
 * - `like`: `search_text LIKE '%…%'`, tested row by row in list order, so a page stops after it
 *   has found its rows. On PostgreSQL always: the pg_trgm GIN index serves the same LIKE when
 *   the planner's statistics say the fragment is rare.
 * - `index`: the fragment's few matches, taken from SQLite's FTS5 trigram table (the fragment as
 *   one phrase, which matches it as a substring) as their rowids in that table.
 */
export type SearchPlan = { term: string; how: 'like' } | { term: string; how: 'index'; rowids: number[] };

/**
 * SQLite has no statistics for its FTS table, so the index is asked for the fragment's matches,
 * no more than COMMON_MATCHES of them. A rare fragment is then answered from those, so the index
 * is read once per page (a tech ID's trigrams include "000", which is in every row: each read
 * costs some 10 ms at a million rows). A common fragment ("garc" is in 2% of a million names) is
 * walked in list order instead: gathering and sorting 20,000 matches took a second, where the
 * walk fills a page within a few thousand rows.
 */
export async function planSearch(db: Executor, term: string): Promise<SearchPlan> {
  if (!isSqlite(db)) return { term, how: 'like' };
  const { rows } = await sql<{ rowid: number }>`select rowid from enrollment_search
    where enrollment_search match ${ftsPhrase(term)} limit ${COMMON_MATCHES}`.execute(db);
  if (rows.length >= COMMON_MATCHES) return { term, how: 'like' };
  return { term, how: 'index', rowids: rows.map((row) => Number(row.rowid)) };
}

/** The WHERE condition of a search, for a query over `enrollments`. */
export function matchesSearch(plan: SearchPlan) {
  if (plan.how === 'index') {
    // One parameter however many matches (SQLite allows 32,766 bound values per statement).
    return sql<boolean>`id in (select k.enrollment_id from enrollment_search_keys k
      where k.rowid in (select value from json_each(${JSON.stringify(plan.rowids)})))`;
  }
  // LIKE wildcards typed by the user are escaped ("50%" is literal).
  const term = plan.term.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<boolean>`search_text like ${`%${term}%`} escape '\\'`;
}

/**
 * On SQLite, for a common fragment, the enrollments holding it read in the FTS index's order: a
 * count bounded by LIMIT then stops after that many matches, where testing rows in list order
 * would read 50 rows per match of a 2% fragment. Otherwise undefined.
 */
export function enrollmentsByIndex(
  db: Executor,
  plan: SearchPlan,
): SelectQueryBuilder<Database, 'enrollments', object> | undefined {
  if (!isSqlite(db) || plan.how !== 'like') return undefined;
  const joined = db
    .withTables<SearchTables>()
    .selectFrom('enrollment_search as f')
    .innerJoin('enrollment_search_keys as k', 'k.rowid', 'f.rowid')
    .innerJoin('enrollments', 'enrollments.id', 'k.enrollment_id')
    .where(sql<boolean>`enrollment_search match ${ftsPhrase(plan.term)}`);
  // The filters that follow name only enrollments' columns, none of which the two index
  // tables share, so the join can stand in for the plain table.
  return joined as unknown as SelectQueryBuilder<Database, 'enrollments', object>;
}

/** The FTS table and its key map (migration 0016), which Database leaves out: no row of them is ever read. */
type SearchTables = {
  enrollment_search: { rowid: number; search_text: string };
  enrollment_search_keys: { rowid: number; enrollment_id: string };
};

/** An FTS5 string: double quotes around it, inner ones doubled; nothing else is special. */
function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

function isSqlite(db: Executor): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}
