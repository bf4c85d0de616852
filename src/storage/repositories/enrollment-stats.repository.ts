import { type Kysely, sql } from 'kysely';
import type { Database } from '../database.js';

type Executor = Kysely<Database>;

/** Enrollments by status; soft-deleted ones are counted apart, under `deleted`. */
export async function countByStatusWithDeleted(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('enrollments')
    .select([
      sql<string>`case when deleted_at is null then status else 'deleted' end`.as('bucket'),
      sql<number>`count(*)`.as('count'),
    ])
    .groupBy(sql`case when deleted_at is null then status else 'deleted' end`)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.bucket, Number(r.count)]));
}

/**
 * Enrollments in effect or awaiting review (not rejected, superseded or deleted) with a document
 * expired before `today`, and with one expiring from `today` through `warnTo`.
 */
export async function countExpiryInEffect(
  db: Executor,
  today: string,
  warnTo: string,
): Promise<{ expired: number; expiring: number }> {
  const dates = ['insurance_expiration', 'registration_expiration'] as const;
  const anyBefore = sql.join(
    dates.map((c) => sql`${sql.ref(c)} < ${today}`),
    sql` or `,
  );
  const anyWithin = sql.join(
    dates.map((c) => sql`(${sql.ref(c)} >= ${today} and ${sql.ref(c)} <= ${warnTo})`),
    sql` or `,
  );
  const row = await db
    .selectFrom('enrollments')
    .select([
      sql<number>`coalesce(sum(case when ${anyBefore} then 1 else 0 end), 0)`.as('expired'),
      sql<number>`coalesce(sum(case when ${anyWithin} then 1 else 0 end), 0)`.as('expiring'),
    ])
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['pending', 'approved', 'changes_requested'])
    .executeTakeFirstOrThrow();
  return { expired: Number(row.expired), expiring: Number(row.expiring) };
}

/** Submissions (revisions) per UTC day since `fromIso`; days are the first ten characters of the ISO time. */
export async function countSubmissionsPerDay(db: Executor, fromIso: string): Promise<Map<string, number>> {
  const day = sql<string>`substr(created_at, 1, 10)`;
  const rows = await db
    .selectFrom('enrollments')
    .select([day.as('day'), sql<number>`count(*)`.as('count')])
    .where('created_at', '>=', fromIso)
    .groupBy(day)
    .execute();
  return new Map(rows.map((r) => [r.day, Number(r.count)]));
}
