import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, EnrollmentRow, EnrollmentStatus } from '../database.js';
import {
  enrollmentsByIndex,
  fromTrigramIndex,
  matchesSearch,
  planSearch,
  type SearchPlan,
} from './enrollment-search.js';

type Executor = Kysely<Database>;

/** Columns the admin list sorts by; all NOT NULL, so keyset paging over them is exact. */
export const SORTABLE_COLUMNS = [
  'created_at',
  'updated_at',
  'full_name',
  'tech_id',
  'reference',
  'revision',
  'state',
  'district',
  'status',
  'vin',
  'year',
  'make',
  'model',
  'insurance_expiration',
  'registration_expiration',
] as const;
export type SortColumn = (typeof SORTABLE_COLUMNS)[number];

export interface EnrollmentFilter {
  /** Already folded by the caller the way `search_text` was (domain/enrollment/search-text.ts). */
  search?: string;
  /** Empty or absent: every status. */
  statuses?: EnrollmentStatus[];
  /**
   * Statuses left out. The everyday list says "all but superseded" this way rather than naming
   * the other four: a NOT IN leaves the planner on the (deleted_at, created_at) index, which
   * returns a page without sorting every match, where an IN would pull it onto the status index.
   */
  excludedStatuses?: EnrollmentStatus[];
  state?: string;
  /** False or absent: enrollments in use; true: soft-deleted ones only. */
  deleted?: boolean;
  /** Insurance or registration expiring between these dates (inclusive, YYYY-MM-DD). */
  expiring?: { from?: string; to: string };
  /** Brought over from the earlier version: all of those, or those flagged for review. */
  imported?: 'any' | 'needs_review';
}

export interface EnrollmentOrder {
  sort: SortColumn;
  order: 'asc' | 'desc';
}

/** A row of the list: the enrollment plus its checklist progress. */
export type EnrollmentListRow = EnrollmentRow & { checklist_done: number; checklist_total: number };

/**
 * Matches are counted up to this many. An exact count of a million matches reads a million
 * index entries on every page view (hundreds of milliseconds); beyond this bound the list says
 * "more than" instead (40 pages of 25), and the count costs the same however large the table
 * grows.
 */
export const COUNT_LIMIT = 1_000;

/**
 * One page of the admin list (offset paging, for the screen) and the number of matches: exact
 * up to COUNT_LIMIT (`totalExact`), otherwise COUNT_LIMIT as a lower bound.
 */
export async function searchEnrollments(
  db: Executor,
  query: EnrollmentFilter & EnrollmentOrder & { limit: number; offset: number },
): Promise<{ rows: EnrollmentListRow[]; total: number; totalExact: boolean }> {
  const { search, matches } = await planFor(db, query);
  const page = withChecklistProgress(
    db,
    filtered(db.selectFrom('enrollments'), query, search)
      .selectAll()
      .orderBy(query.sort, query.order)
      .orderBy('id', query.order)
      .limit(query.limit)
      .offset(query.offset),
    query,
  );
  const [rows, count] = await Promise.all([page, matches ?? countMatches(db, query, search)]);
  return { rows, total: Math.min(count, COUNT_LIMIT), totalExact: count <= COUNT_LIMIT };
}

/**
 * The search's plan (see planSearch). On PostgreSQL the bounded list of matching ids, read from
 * the trigram index with every filter applied, gives both the count and the plan: beyond the
 * bound the fragment is common; within it, the page is those ids.
 */
async function planFor(db: Executor, filter: EnrollmentFilter): Promise<{ search?: SearchPlan; matches?: number }> {
  if (!filter.search) return {};
  const plan = await planSearch(db, filter.search);
  if (plan.sqlite) return { search: plan };
  const rows = await fromTrigramIndex(db, (reading) =>
    filtered(reading.selectFrom('enrollments'), filter, plan)
      .select('id')
      .limit(COUNT_LIMIT + 1)
      .execute(),
  );
  const common = rows.length > COUNT_LIMIT;
  return { search: { ...plan, common, ids: common ? null : rows.map((row) => row.id) }, matches: rows.length };
}

/** Matches up to COUNT_LIMIT + 1, read from the search's index where it has one. */
async function countMatches(db: Executor, filter: EnrollmentFilter, search?: SearchPlan): Promise<number> {
  // SQLite counts a common fragment from the FTS table, where it can stop at the bound.
  const byIndex = search && enrollmentsByIndex(db, search);
  const matches = byIndex ? filtered(byIndex, filter) : filtered(db.selectFrom('enrollments'), filter, search);
  const row = await db
    .selectFrom(
      matches
        .select('id')
        .limit(COUNT_LIMIT + 1)
        .as('m'),
    )
    .select(sql<number>`count(*)`.as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Every match in list order, in batches, by keyset (after the last row's sort value and id):
 * each batch costs the same however deep the export is, and memory holds one batch only.
 */
export async function* iterateEnrollments(
  db: Executor,
  query: EnrollmentFilter & EnrollmentOrder,
  batchSize = 500,
): AsyncGenerator<EnrollmentListRow[]> {
  const { sort, order } = query;
  const beyond = order === 'asc' ? '>' : '<';
  const { search } = await planFor(db, query);
  let last: EnrollmentListRow | undefined;
  for (;;) {
    let page = filtered(db.selectFrom('enrollments'), query, search).selectAll();
    if (last) {
      const value = last[sort] as never;
      const id = last.id;
      page = page.where((eb) => eb.or([eb(sort, beyond, value), eb.and([eb(sort, '=', value), eb('id', beyond, id)])]));
    }
    const rows = await withChecklistProgress(
      db,
      page.orderBy(sort, order).orderBy('id', order).limit(batchSize),
      query,
    );
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    last = rows[rows.length - 1];
  }
}

/** `from` filtered; `search`, when given, is applied too (a source that is the search already omits it). */
function filtered(
  from: SelectQueryBuilder<Database, 'enrollments', object>,
  filter: EnrollmentFilter,
  search?: SearchPlan,
) {
  // "Deleted" is written as a range (every deletion time is a non-empty ISO string) because
  // SQLite serves a range from the (deleted_at, created_at) index, but not IS NOT NULL.
  let base = filter.deleted ? from.where('deleted_at', '>', '') : from.where('deleted_at', 'is', null);
  if (filter.statuses && filter.statuses.length > 0) base = base.where('status', 'in', filter.statuses);
  if (filter.excludedStatuses && filter.excludedStatuses.length > 0) {
    base = base.where('status', 'not in', filter.excludedStatuses);
  }
  if (filter.state) base = base.where('state', '=', filter.state);
  if (filter.imported === 'any') base = base.where('legacy_id', 'is not', null);
  if (filter.imported === 'needs_review') base = base.where('review_flags', 'is not', null);
  if (filter.expiring) {
    const { from, to } = filter.expiring;
    // The dates are compared through coalesce() (a no-op: both columns are NOT NULL) so that
    // neither engine answers from the two expiry indexes: a window of 30 days holds a quarter
    // of all enrollments, and gathering and sorting those took SQLite 0.6 s at 200,000 rows,
    // where walking the list order and stopping after a page costs a few hundred rows.
    base = base.where((eb) =>
      eb.or(
        (['insurance_expiration', 'registration_expiration'] as const).map((column) => {
          const date = sql<string>`coalesce(${sql.ref(column)}, '')`;
          return from === undefined ? eb(date, '<=', to) : eb.and([eb(date, '>=', from), eb(date, '<=', to)]);
        }),
      ),
    );
  }
  if (search) base = base.where(matchesSearch(search));
  return base;
}

/**
 * Adds checklist progress to a page that is already cut to size: the counts run only for the
 * page's rows (through the checklist's enrollment_id index), in the same single query.
 */
async function withChecklistProgress(
  db: Executor,
  page: SelectQueryBuilder<Database, 'enrollments', EnrollmentRow>,
  { sort, order }: EnrollmentOrder,
): Promise<EnrollmentListRow[]> {
  const rows = await db
    .selectFrom(page.as('e'))
    .selectAll('e')
    .select((eb) => [
      eb
        .selectFrom('checklist_tasks as c')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('c.enrollment_id', '=', 'e.id')
        .as('checklist_total'),
      eb
        .selectFrom('checklist_tasks as c')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('c.enrollment_id', '=', 'e.id')
        .where('c.completed_at', 'is not', null)
        .as('checklist_done'),
    ])
    .orderBy(sql.ref(`e.${sort}`), order)
    .orderBy('e.id', order)
    .execute();
  return rows.map((row) => ({
    ...row,
    checklist_done: Number(row.checklist_done ?? 0),
    checklist_total: Number(row.checklist_total ?? 0),
  })) as EnrollmentListRow[];
}
