import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

type Executor = Kysely<Database>;

/**
 * Takes or renews the lease on a job until `expiresAt`. It succeeds when nobody holds it, when
 * `holder` already does, or when the last holder let it expire (a crashed instance). One
 * conditional UPDATE decides, so two instances on one PostgreSQL database never both win.
 */
export async function acquireLease(
  db: Executor,
  lease: { name: string; holder: string; now: string; expiresAt: string },
): Promise<boolean> {
  await db
    .insertInto('job_leases')
    .values({ name: lease.name, holder: lease.holder, expires_at: lease.now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const result = await db
    .updateTable('job_leases')
    .set({ holder: lease.holder, expires_at: lease.expiresAt })
    .where('name', '=', lease.name)
    .where((eb) => eb.or([eb('holder', '=', lease.holder), eb('expires_at', '<=', lease.now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives the lease up at once (a clean stop), so another instance need not wait for expiry. */
export async function releaseLease(db: Executor, name: string, holder: string): Promise<void> {
  await db.deleteFrom('job_leases').where('name', '=', name).where('holder', '=', holder).execute();
}

/** Ends whoever's lease it is: only for a process that knows no other can be running. */
export async function breakLease(db: Executor, name: string): Promise<void> {
  await db.deleteFrom('job_leases').where('name', '=', name).execute();
}

/** Ends every lease whose name starts with `prefix` (see breakLease for when that is safe). */
export async function breakLeasesStartingWith(db: Executor, prefix: string): Promise<void> {
  await db.deleteFrom('job_leases').where('name', 'like', `${prefix}%`).execute();
}
