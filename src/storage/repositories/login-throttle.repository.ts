import { type Kysely, sql } from 'kysely';
import type { Database } from '../database.js';

type Executor = Kysely<Database>;

/** The latest `blocked_until` among the keys, or undefined when none is blocked at `now`. */
export async function findBlockedUntil(db: Executor, keyHashes: string[], now: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('login_throttles')
    .select(sql<string | null>`max(blocked_until)`.as('until'))
    .where('key_hash', 'in', keyHashes)
    .where('blocked_until', '>', now)
    .executeTakeFirst();
  return row?.until ?? undefined;
}

/**
 * Counts one more failure for a key and returns the new count, atomically on both engines.
 * A key whose last failure is older than `forgetBefore` starts again from one.
 */
export async function countFailure(db: Executor, keyHash: string, now: string, forgetBefore: string): Promise<number> {
  await db
    .insertInto('login_throttles')
    .values({ key_hash: keyHash, failures: 1, last_failure_at: now, blocked_until: null })
    .onConflict((oc) =>
      oc.column('key_hash').doUpdateSet({
        failures: sql<number>`case when login_throttles.last_failure_at < ${forgetBefore} then 1 else login_throttles.failures + 1 end`,
        last_failure_at: now,
      }),
    )
    .execute();
  const row = await db
    .selectFrom('login_throttles')
    .select('failures')
    .where('key_hash', '=', keyHash)
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

export async function blockKey(db: Executor, keyHash: string, until: string): Promise<void> {
  await db.updateTable('login_throttles').set({ blocked_until: until }).where('key_hash', '=', keyHash).execute();
}

export async function forgetKey(db: Executor, keyHash: string): Promise<void> {
  await db.deleteFrom('login_throttles').where('key_hash', '=', keyHash).execute();
}

/** Keys with no recent failure and no block in force carry no information any more. */
export async function deleteStaleThrottles(db: Executor, forgetBefore: string, now: string): Promise<number> {
  const result = await db
    .deleteFrom('login_throttles')
    .where('last_failure_at', '<', forgetBefore)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
