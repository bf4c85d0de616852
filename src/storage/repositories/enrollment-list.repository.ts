import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, EnrollmentRow, EnrollmentStatus } from '../database.js';

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

/** One page of the admin list (offset paging, for the screen) and the number of matches. */
export async function searchEnrollments(
  db: Executor,
  query: EnrollmentFilter & EnrollmentOrder & { limit: number; offset: number },
): Promise<{ rows: EnrollmentListRow[]; total: number }> {
  const base = filtered(db, query);
  const page = base.selectAll().orderBy(query.sort, query.order).orderBy('id', query.order);
  const [rows, totalRow] = await Promise.all([
    withChecklistProgress(db, page.limit(query.limit).offset(query.offset), query),
    base.select(sql<number>`count(*)`.as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(totalRow.count) };
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
  let last: EnrollmentListRow | undefined;
  for (;;) {
    let page = filtered(db, query).selectAll();
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

function filtered(db: Executor, filter: EnrollmentFilter) {
  // "Deleted" is written as a range (every deletion time is a non-empty ISO string) because
  // SQLite serves a range from the (deleted_at, created_at) index, but not IS NOT NULL.
  let base = filter.deleted
    ? db.selectFrom('enrollments').where('deleted_at', '>', '')
    : db.selectFrom('enrollments').where('deleted_at', 'is', null);
  if (filter.statuses && filter.statuses.length > 0) base = base.where('status', 'in', filter.statuses);
  if (filter.excludedStatuses && filter.excludedStatuses.length > 0) {
    base = base.where('status', 'not in', filter.excludedStatuses);
  }
  if (filter.state) base = base.where('state', '=', filter.state);
  if (filter.imported === 'any') base = base.where('legacy_id', 'is not', null);
  if (filter.imported === 'needs_review') base = base.where('review_flags', 'is not', null);
  if (filter.expiring) {
    const { from, to } = filter.expiring;
    base = base.where((eb) =>
      eb.or(
        (['insurance_expiration', 'registration_expiration'] as const).map((column) =>
          from === undefined ? eb(column, '<=', to) : eb.and([eb(column, '>=', from), eb(column, '<=', to)]),
        ),
      ),
    );
  }
  if (filter.search) {
    // Matched against the folded copy of name, tech ID and VIN so case and accents are ignored
    // alike on both engines; LIKE wildcards typed by the user are escaped ("50%" is literal).
    const term = filter.search.replace(/[\\%_]/g, (c) => `\\${c}`);
    base = base.where('search_text', 'like', sql<string>`${`%${term}%`} escape '\\'`);
  }
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
