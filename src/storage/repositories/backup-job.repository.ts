import type { Kysely } from 'kysely';
import type { BackupJobState, BackupJobsTable, Database } from '../database.js';

type Executor = Kysely<Database>;

export type BackupJobRow = BackupJobsTable;

export async function insertBackupJob(db: Executor, job: BackupJobRow): Promise<void> {
  await db.insertInto('backup_jobs').values(job).execute();
}

export async function finishBackupJob(
  db: Executor,
  id: string,
  outcome: { state: Exclude<BackupJobState, 'running'>; message: string | null; name: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('backup_jobs')
    .set({ state: outcome.state, message: outcome.message, name: outcome.name, updated_at: outcome.at })
    .where('id', '=', id)
    .execute();
}

export async function findBackupJob(db: Executor, id: string): Promise<BackupJobRow | undefined> {
  return db.selectFrom('backup_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The newest job still marked running (by whichever instance). */
export async function findRunningBackupJob(db: Executor): Promise<BackupJobRow | undefined> {
  return db
    .selectFrom('backup_jobs')
    .selectAll()
    .where('state', '=', 'running')
    .orderBy('started_at', 'desc')
    .executeTakeFirst();
}

/** Keeps the newest `keep` finished jobs, for clients still polling them. */
export async function forgetOldBackupJobs(db: Executor, keep: number): Promise<void> {
  const kept = db
    .selectFrom('backup_jobs')
    .select('id')
    .where('state', '!=', 'running')
    .orderBy('started_at', 'desc')
    .limit(keep);
  await db.deleteFrom('backup_jobs').where('state', '!=', 'running').where('id', 'not in', kept).execute();
}

/** Marks jobs left running by an instance that is gone (it lost the lease) as failed. */
export async function failAbandonedBackupJobs(db: Executor, exceptHolder: string, at: string): Promise<void> {
  await db
    .updateTable('backup_jobs')
    .set({ state: 'failed', message: 'The instance running this backup stopped before it finished.', updated_at: at })
    .where('state', '=', 'running')
    .where('instance_id', '!=', exceptHolder)
    .execute();
}
