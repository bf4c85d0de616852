import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

/**
 * Open drafts per address: each draft a technician starts carries a keyed hash of the address
 * that started it (never the address itself), and `draft_creators` holds one row per such hash,
 * locked while a draft is created so that a burst from one address is counted one at a time on
 * PostgreSQL too. The key is drawn here, once per installation, and kept in `settings`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('drafts').addColumn('creator_key', 'text').execute();
  await db.schema.createIndex('drafts_creator_idx').on('drafts').columns(['creator_key', 'expires_at']).execute();
  await db.schema
    .createTable('draft_creators')
    .addColumn('address_key', 'text', (c) => c.primaryKey())
    .addColumn('last_created_at', 'text', (c) => c.notNull())
    .execute();
  const key = JSON.stringify(randomBytes(32).toString('hex'));
  await sql`insert into settings (key, value, updated_at) values (${'address_hash_key'}, ${key}, ${new Date().toISOString()})`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from settings where key = ${'address_hash_key'}`.execute(db);
  await db.schema.dropTable('draft_creators').execute();
  await db.schema.dropIndex('drafts_creator_idx').execute();
  await db.schema.alterTable('drafts').dropColumn('creator_key').execute();
}
