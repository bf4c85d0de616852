import type { Kysely } from 'kysely';

/**
 * Shared state for instances behind a load balancer, part two.
 * `policy_versions`: every policy text an instance has served, by its SHA-256, so that a version
 * shown by one instance can be signed on another during a rolling deploy; `last_served_at` is
 * renewed while some instance still serves it. `backup_jobs`: "Back up now" runs and their
 * progress, so that polling any instance answers. Neither is backed up (the signed text of each
 * enrollment is in its PDF; jobs describe running processes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('policy_versions')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // JSON array of USPS codes, or "*".
    .addColumn('states', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('first_served_at', 'text', (c) => c.notNull())
    .addColumn('last_served_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('backup_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // running | succeeded | failed
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('name', 'text')
    // The instance running it; a running job whose instance is gone is reported failed.
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('backup_jobs_state_idx').on('backup_jobs').column('state').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('backup_jobs').execute();
  await db.schema.dropTable('policy_versions').execute();
}
