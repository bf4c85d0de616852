import { type Kysely, sql } from 'kysely';
import type { Database, EnrollmentRow, EnrollmentStatus, NewEnrollmentRow } from '../database.js';

type Executor = Kysely<Database>;

/** `row.search_text` is the folded search text the caller computed (domain/enrollment/search-text.ts). */
export async function insertEnrollment(db: Executor, row: NewEnrollmentRow & { search_text: string }): Promise<void> {
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
