import { type Kysely, sql } from 'kysely';
import type { Database, EnrollmentRow, EnrollmentStatus, NewEnrollmentRow } from '../database.js';

type Executor = Kysely<Database>;

export async function insertEnrollment(db: Executor, row: NewEnrollmentRow): Promise<void> {
  await db.insertInto('enrollments').values(row).execute();
}

/** The newest revision for a tech ID, whatever its status. */
export async function findLatestRevision(db: Executor, techId: string): Promise<EnrollmentRow | undefined> {
  return db
    .selectFrom('enrollments')
    .selectAll()
    .where('tech_id', '=', techId)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function setEnrollmentStatus(
  db: Executor,
  id: string,
  status: EnrollmentStatus,
  updatedAt: string,
): Promise<void> {
  await db.updateTable('enrollments').set({ status, updated_at: updatedAt }).where('id', '=', id).execute();
}

export async function findEnrollmentById(db: Executor, id: string): Promise<EnrollmentRow | undefined> {
  return db.selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every revision of one technician's enrollment, oldest first. */
export async function listRevisions(db: Executor, techId: string): Promise<EnrollmentRow[]> {
  return db.selectFrom('enrollments').selectAll().where('tech_id', '=', techId).orderBy('revision', 'asc').execute();
}

export async function countEnrollmentsByStatus(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('enrollments')
    .select(['status', sql<number>`count(*)`.as('count')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
}

export async function countEnrollments(db: Executor): Promise<number> {
  const row = await db.selectFrom('enrollments').select(sql<number>`count(*)`.as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export const SORTABLE_COLUMNS = [
  'created_at',
  'updated_at',
  'full_name',
  'tech_id',
  'state',
  'district',
  'status',
  'year',
  'make',
  'model',
  'insurance_expiration',
  'registration_expiration',
] as const;
export type SortColumn = (typeof SORTABLE_COLUMNS)[number];

export interface EnrollmentQuery {
  search?: string;
  statuses?: EnrollmentStatus[];
  state?: string;
  /** Insurance or registration expiring on or before this date (YYYY-MM-DD). */
  expiringOnOrBefore?: string;
  sort: SortColumn;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export async function searchEnrollments(
  db: Executor,
  query: EnrollmentQuery,
): Promise<{ rows: EnrollmentRow[]; total: number }> {
  let base = db.selectFrom('enrollments');
  if (query.statuses && query.statuses.length > 0) base = base.where('status', 'in', query.statuses);
  if (query.state) base = base.where('state', '=', query.state);
  if (query.expiringOnOrBefore) {
    const limit = query.expiringOnOrBefore;
    base = base.where((eb) =>
      eb.or([eb('insurance_expiration', '<=', limit), eb('registration_expiration', '<=', limit)]),
    );
  }
  if (query.search) {
    // Portable case-insensitive match (PostgreSQL's LIKE is case-sensitive); LIKE wildcards
    // typed by the user are escaped so "50%" finds a literal percent sign.
    const pattern = `%${query.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or(
        (['full_name', 'tech_id', 'vin'] as const).map((column) =>
          eb(sql`lower(${sql.ref(column)})`, 'like', sql`${pattern} escape '\\'`),
        ),
      ),
    );
  }
  const [rows, totalRow] = await Promise.all([
    base
      .selectAll()
      .orderBy(query.sort, query.order)
      .orderBy('id', query.order)
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select(sql<number>`count(*)`.as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(totalRow.count) };
}
