import type { Kysely } from 'kysely';

/**
 * The durable outbox: every message the product sends (e-mail now, webhooks later) is a row
 * written in the transaction of the event that causes it, and a sender job delivers it. Also
 * the attempts made for each message, the leases that keep a scheduled job to one instance,
 * and the capability links put into e-mails (stored as SHA-256 only).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // What to deliver and how, such as `email.submission_notice`.
    .addColumn('kind', 'text', (c) => c.notNull())
    // JSON array of addresses (or endpoints).
    .addColumn('recipients', 'text', (c) => c.notNull())
    // JSON object: the facts the message is rendered from; never a secret.
    .addColumn('payload', 'text', (c) => c.notNull())
    // Fixed by the first attempt and the same on every later one, so a retry after a crash
    // is recognisably the same message.
    .addColumn('message_id', 'text')
    // waiting | sent | failed
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('enrollment_id', 'text')
    // Unique when set: a message that must exist once (a reminder per document and offset).
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // When the message last entered the queue (created, or resent by an admin): the sender
    // gives up on it a configured time after this.
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_enrollment_idx').on('outbox').column('enrollment_id').execute();
  await db.schema.createIndex('outbox_created_idx').on('outbox').column('created_at').execute();

  await db.schema
    .createTable('outbox_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outbox_id', 'text', (c) => c.notNull().references('outbox.id').onDelete('cascade'))
    .addColumn('attempted_at', 'text', (c) => c.notNull())
    // Null when the attempt delivered the message.
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('outbox_attempts_outbox_idx').on('outbox_attempts').column('outbox_id').execute();

  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('access_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    // resume | receipt | renewal
    .addColumn('purpose', 'text', (c) => c.notNull())
    // The draft, enrollment or document the link opens.
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_links_target_idx').on('access_links').column('target_id').execute();
  await db.schema.createIndex('access_links_expires_idx').on('access_links').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['access_links', 'job_leases', 'outbox_attempts', 'outbox']) {
    await db.schema.dropTable(table).execute();
  }
}
