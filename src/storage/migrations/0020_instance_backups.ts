import type { Kysely } from 'kysely';

/**
 * Each instance keeps its backups on its own disk; `instances.newest_backup` (JSON, renewed with
 * the heartbeat) names the newest verified one, so that the backup-age warning of every instance
 * describes the cluster rather than the instance that happens to answer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('instances').addColumn('newest_backup', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('instances').dropColumn('newest_backup').execute();
}
