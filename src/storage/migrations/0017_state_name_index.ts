import type { Kysely } from 'kysely';

/**
 * The admin list filtered by state and sorted by name (a reviewer going through one state's
 * technicians) walked every enrollment of the state through the state index and sorted them:
 * 20,000 rows for a large state at a million enrollments. With (state, full_name) the page is
 * read in order and the walk stops after it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('enrollments_state_name_idx').on('enrollments').columns(['state', 'full_name']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('enrollments_state_name_idx').execute();
}
