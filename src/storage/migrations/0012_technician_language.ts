import type { Kysely } from 'kysely';

/**
 * The language the technician chose in the wizard ('en' or 'es'), kept with the draft (so it
 * follows the technician to another device) and with the enrollment (so the messages sent to
 * them use it). Rows from before this migration are English, as the product was.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('drafts')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .execute();
  await db.schema
    .alterTable('enrollments')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('enrollments').dropColumn('language').execute();
  await db.schema.alterTable('drafts').dropColumn('language').execute();
}
