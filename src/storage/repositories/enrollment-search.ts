import { type Kysely, type SelectQueryBuilder, SqliteAdapter, sql } from 'kysely';
import type { Database } from '../database.js';

type Executor = Kysely<Database>;

/** Fragments shorter than this have no trigram, so no text index can answer them. */
export const MIN_SEARCH_LENGTH = 3;

/**
 * On SQLite, a fragment held by at least this many enrollments is "common" (see `planSearch`;
 * PostgreSQL's bound is its count's). At a million rows a page of a fragment this rare costs
 * about as much either way (10–15 ms).
 */
const COMMON_MATCHES = 2_000;

/**
 * How a "contains" search over the folded copy of name, tech ID and VIN (case and accents ignored
 * alike on both engines) is answered, from each engine's trigram index (migration 0016): SQLite's
 * FTS5 trigram table (asked for the fragment as one phrase, which matches it as a substring) or
 * PostgreSQL's pg_trgm GIN index, which serves `search_text LIKE '%…%'`.
 */
export interface SearchPlan {
  term: string;
  sqlite: boolean;
  /** A common fragment's page is found by testing rows in list order, which stops once it is full. */
  common: boolean;
  /** A rare fragment's matches, read from the index once (null: not read yet, PostgreSQL). */
  ids: string[] | null;
}

/**
 * Gathering and sorting a common fragment's matches ("garc" is in 2% of a million names) took
 * SQLite a second, and PostgreSQL 150 ms for "harr" (19,000 rows), where walking the list fills a
 * page within a few thousand rows. Neither engine knows how common a fragment is (SQLite has no
 * statistics on its FTS table; PostgreSQL's guess for a trigram LIKE is far off), so the index is
 * asked for the matches, a bounded number of them. A rare fragment is then answered from the ids
 * read, so the index is read once per page: a tech ID's trigrams include "000", which is in every
 * row, and each read costs 10–16 ms at a million rows.
 * - SQLite: here, up to COMMON_MATCHES, before any filter.
 * - PostgreSQL: by the caller, as its bounded count with every filter (`fromTrigramIndex`); this
 *   plan, with `ids: null`, is what that count runs with.
 */
export async function planSearch(db: Executor, term: string): Promise<SearchPlan> {
  if (!isSqlite(db)) return { term, sqlite: false, common: false, ids: null };
  const rows = await keysMatching(db, term).select('k.enrollment_id as id').limit(COMMON_MATCHES).execute();
  const common = rows.length >= COMMON_MATCHES;
  return { term, sqlite: true, common, ids: common ? null : rows.map((row) => row.id) };
}

/**
 * Runs `read`, a bounded read of a search's matches, where PostgreSQL takes them from the trigram
 * index: its guess for a trigram LIKE is so high that it reads the table from the start instead,
 * stopping at the bound, which took 40–55 ms for "brow" where the index takes 10. SQLite: as is.
 */
export function fromTrigramIndex<T>(db: Executor, read: (db: Executor) => Promise<T>): Promise<T> {
  if (isSqlite(db)) return read(db);
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    return read(trx);
  });
}

/** The WHERE condition of a search over `enrollments`. */
export function matchesSearch(plan: SearchPlan) {
  if (plan.ids) return plan.ids.length > 0 ? sql<boolean>`id in (${sql.join(plan.ids)})` : sql<boolean>`1 = 0`;
  // On PostgreSQL a common fragment's page tests an expression the trigram index does not cover,
  // so that the planner walks the list order rather than gather every match.
  const subject = !plan.sqlite && plan.common ? sql`(search_text || '')` : sql.ref('search_text');
  // LIKE wildcards typed by the user are escaped ("50%" is literal).
  const escaped = plan.term.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<boolean>`${subject} like ${`%${escaped}%`} escape '\\'`;
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
  if (!plan.sqlite || !plan.common) return undefined;
  const joined = keysMatching(db, plan.term).innerJoin('enrollments', 'enrollments.id', 'k.enrollment_id');
  // The filters that follow name only enrollments' columns, none of which the two index
  // tables share, so the join can stand in for the plain table.
  return joined as unknown as SelectQueryBuilder<Database, 'enrollments', object>;
}

/** SQLite: the FTS rows holding `term` (as `f`) with their enrollment keys (as `k`), in the index's order. */
function keysMatching(db: Executor, term: string) {
  return db
    .withTables<SearchTables>()
    .selectFrom('enrollment_search as f')
    .innerJoin('enrollment_search_keys as k', 'k.rowid', 'f.rowid')
    .where(sql<boolean>`enrollment_search match ${ftsPhrase(term)}`);
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
