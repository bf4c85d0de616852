import type { Kysely } from 'kysely';

/**
 * The outbox carries more than e-mail: dashboard syncs and webhook deliveries are rows of the
 * same table, told apart by their kind (`email.…`, `dashboard.sync`, `webhook.…`). A sync that
 * was half accepted keeps what is done in `progress`, so a retry sends only the rest; each
 * attempt keeps the HTTP answer it got. Webhook endpoints are registered by admins.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // JSON object: the parts of a multi-part delivery already accepted (null for e-mail).
  await db.schema.alterTable('outbox').addColumn('progress', 'text').execute();
  await db.schema.alterTable('outbox_attempts').addColumn('response_status', 'integer').execute();
  // The start of the response body, cut to a few KB.
  await db.schema.alterTable('outbox_attempts').addColumn('response_body', 'text').execute();
  await db.schema.createIndex('outbox_kind_idx').on('outbox').columns(['kind', 'enrollment_id']).execute();

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // JSON array of event types.
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    // `whsec_…`: kept as is because every delivery is signed with it; shown once on creation.
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_endpoints').execute();
  await db.schema.dropIndex('outbox_kind_idx').execute();
  await db.schema.alterTable('outbox_attempts').dropColumn('response_body').execute();
  await db.schema.alterTable('outbox_attempts').dropColumn('response_status').execute();
  await db.schema.alterTable('outbox').dropColumn('progress').execute();
}
