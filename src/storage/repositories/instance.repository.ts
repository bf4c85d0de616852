import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

type Executor = Kysely<Database>;

export interface InstanceRecord {
  id: string;
  host: string;
  pid: number;
  address: string | null;
  startedAt: string;
  heartbeatAt: string;
  expiresAt: string;
  /** The newest verified backup in this instance's own backups folder, if any. */
  newestBackup: NewestBackup | null;
}

export interface NewestBackup {
  name: string;
  createdAt: string;
  knownProblems: number;
}

/** Adds (or refreshes) this instance's row. */
export async function registerInstance(db: Executor, instance: InstanceRecord): Promise<void> {
  const row = {
    id: instance.id,
    host: instance.host,
    pid: instance.pid,
    address: instance.address,
    started_at: instance.startedAt,
    heartbeat_at: instance.heartbeatAt,
    expires_at: instance.expiresAt,
    newest_backup: instance.newestBackup ? JSON.stringify(instance.newestBackup) : null,
  };
  await db
    .insertInto('instances')
    .values(row)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        heartbeat_at: row.heartbeat_at,
        expires_at: row.expires_at,
        newest_backup: row.newest_backup,
      }),
    )
    .execute();
}

/** Pushes the expiry out; false when the row is gone (removed as expired while this one stalled). */
export async function heartbeatInstance(
  db: Executor,
  id: string,
  beat: { now: string; expiresAt: string; newestBackup: NewestBackup | null },
): Promise<boolean> {
  const newest = beat.newestBackup ? JSON.stringify(beat.newestBackup) : null;
  const result = await db
    .updateTable('instances')
    .set({ heartbeat_at: beat.now, expires_at: beat.expiresAt, newest_backup: newest })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deregisterInstance(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('instances').where('id', '=', id).execute();
}

/** Instances whose heartbeat has not expired at `now`, oldest first. */
export async function listLiveInstances(db: Executor, now: string): Promise<InstanceRecord[]> {
  const rows = await db
    .selectFrom('instances')
    .selectAll()
    .where('expires_at', '>', now)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    host: r.host,
    pid: r.pid,
    address: r.address,
    startedAt: r.started_at,
    heartbeatAt: r.heartbeat_at,
    expiresAt: r.expires_at,
    newestBackup: r.newest_backup ? (JSON.parse(r.newest_backup) as NewestBackup) : null,
  }));
}

/** Rows of instances that stopped heartbeating before `before` (crashed ones): tidying only. */
export async function removeExpiredInstances(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('instances').where('expires_at', '<=', before).execute();
}
