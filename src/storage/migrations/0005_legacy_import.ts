import type { Kysely } from 'kysely';

/**
 * What an enrollment brought over from the earlier version (`byov import-legacy`) records: the
 * earlier system's id, unique so that importing the same data twice adds nothing, and the
 * reasons it needs review (a JSON array of `{code, message}`, null when it needs none).
 * Portable types only, as in 0001; both columns stay null for enrollments made here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('enrollments').addColumn('legacy_id', 'text').execute();
  await db.schema.alterTable('enrollments').addColumn('review_flags', 'text').execute();
  // Unique but nullable: both engines allow any number of nulls in a unique index.
  await db.schema.createIndex('enrollments_legacy_id_unique').on('enrollments').column('legacy_id').unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('enrollments_legacy_id_unique').execute();
  await db.schema.alterTable('enrollments').dropColumn('review_flags').execute();
  await db.schema.alterTable('enrollments').dropColumn('legacy_id').execute();
}
