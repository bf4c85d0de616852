import type { Kysely } from 'kysely';

/**
 * Open drafts per address: each draft a technician starts carries a keyed hash of the address
 * that started it (never the address itself), and `draft_creators` holds one row per such hash,
 * locked while a draft is created so that a burst from one address is counted one at a time on
 * PostgreSQL too. (The hash key is drawn on first use and kept in `settings`: a migration adds
 * no rows, so a backup's rows load into a freshly migrated database as they are.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('drafts').addColumn('creator_key', 'text').execute();
  await db.schema.createIndex('drafts_creator_idx').on('drafts').columns(['creator_key', 'expires_at']).execute();
  await db.schema
    .createTable('draft_creators')
    .addColumn('address_key', 'text', (c) => c.primaryKey())
    .addColumn('last_created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('draft_creators').execute();
  await db.schema.dropIndex('drafts_creator_idx').execute();
  await db.schema.alterTable('drafts').dropColumn('creator_key').execute();
}
