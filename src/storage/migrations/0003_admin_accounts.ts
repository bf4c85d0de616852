import type { Kysely } from 'kysely';

/**
 * The admin control center: named accounts with roles (no built-in credentials), their one-time
 * setup links, server-side sessions and sign-in throttling; and what review adds to an
 * enrollment (decision, note, requested changes, soft deletion). Portable types only, as in 0001.
 *
 * Setup links, sessions and throttles store only SHA-256 hashes of their secrets, so a copy of
 * the database does not let anyone sign in.
 */
const ENROLLMENT_COLUMNS = [
  // The latest review decision (approve, reject, request changes): when, by whom, and the
  // reason or message given; the audit events keep the full history.
  'reviewed_at',
  'reviewed_by',
  'review_note',
  // JSON array of the fields the technician is asked to change.
  'requested_fields',
  // The draft opened for the technician when changes were requested (its code is never stored).
  'requested_draft_id',
  'deleted_at',
  'deleted_by',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ENROLLMENT_COLUMNS) {
    await db.schema.alterTable('enrollments').addColumn(column, 'text').execute();
  }
  // Every list query filters on deleted_at (IS NULL for the everyday list) and most sort by
  // created_at: with this index SQLite walks the live rows newest first and stops after a page,
  // where a status index would gather every matching row and sort them. The deleted view and
  // the 30-day purge job use its first column.
  await db.schema
    .createIndex('enrollments_deleted_created_idx')
    .on('enrollments')
    .columns(['deleted_at', 'created_at'])
    .execute();
  // Who did it, as an account id; `actor` keeps the readable name (email, "technician", "api-token").
  await db.schema.alterTable('audit_events').addColumn('actor_id', 'text').execute();

  await db.schema
    .createTable('admin_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    // Null until the account's setup link is used: an account is never created with a password.
    .addColumn('password_hash', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull())
    .addColumn('preferences', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_sign_in_at', 'text')
    .execute();

  await db.schema
    .createTable('admin_setup_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    // Null for the first-start link, which creates the first admin.
    .addColumn('user_id', 'text', (c) => c.references('admin_users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('admin_setup_tokens_user_idx').on('admin_setup_tokens').column('user_id').execute();

  await db.schema
    .createTable('admin_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('admin_users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('admin_sessions_user_idx').on('admin_sessions').column('user_id').execute();
  await db.schema.createIndex('admin_sessions_expires_idx').on('admin_sessions').column('expires_at').execute();

  await db.schema
    .createTable('login_throttles')
    // SHA-256 of "email:<address>" or "ip:<address>": counts without keeping who tried.
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('blocked_until', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['login_throttles', 'admin_sessions', 'admin_setup_tokens', 'admin_users']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('audit_events').dropColumn('actor_id').execute();
  await db.schema.dropIndex('enrollments_deleted_created_idx').execute();
  for (const column of [...ENROLLMENT_COLUMNS].reverse()) {
    await db.schema.alterTable('enrollments').dropColumn(column).execute();
  }
}
