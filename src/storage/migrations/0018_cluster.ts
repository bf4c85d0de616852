import type { Kysely } from 'kysely';

/**
 * What instances sharing one database must agree on (issue: several instances behind a load
 * balancer). `instances` is the cluster's membership: each server registers and heartbeats, so
 * `byov status` can list them and `restore`/`clear` can refuse while any is live.
 * `schedule_counters` holds counts that drive schedules (submissions since the last backup), so
 * every instance counts into one number. `rate_limit_hits` counts requests per limit key and
 * window, so a limit holds across instances rather than once per instance.
 * None of these is backed up: they describe running processes, not enrollment data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('instances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    // Live until then; a clean stop deletes the row, a crash leaves it to expire.
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('instances_expires_idx').on('instances').column('expires_at').execute();

  await db.schema
    .createTable('schedule_counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rate_limit_hits')
    // The limit's name and the client key (an address, or a hash of a draft id).
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('window_ends_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_hits_window_idx').on('rate_limit_hits').column('window_ends_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['rate_limit_hits', 'schedule_counters', 'instances']) {
    await db.schema.dropTable(table).execute();
  }
}
