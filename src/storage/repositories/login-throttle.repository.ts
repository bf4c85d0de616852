import { type Kysely, sql } from 'kysely';
import type { Database } from '../database.js';

type Executor = Kysely<Database>;

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

/**
 * Counts an attempt for a key in advance and returns the key's state, with the row locked (on
 * PostgreSQL the upsert holds it until the transaction ends; SQLite runs one transaction at a
 * time), so concurrent attempts on one key are counted one after another.
 */
export async function claimAttemptOnKey(
  db: Executor,
  keyHash: string,
  now: string,
  forgetBefore: string,
): Promise<{ failures: number; blockedUntil: string | null }> {
  const failures = await countFailure(db, keyHash, now, forgetBefore);
  const row = await db
    .selectFrom('login_throttles')
    .select('blocked_until')
    .where('key_hash', '=', keyHash)
    .executeTakeFirstOrThrow();
  return { failures, blockedUntil: row.blocked_until };
}

/**
 * Takes back an attempt counted in advance that turned out to succeed: one failure less, and
 * the block it set (if it is still the one in force) back to what it was.
 */
export async function releaseAttemptOnKey(
  db: Executor,
  keyHash: string,
  claimed: { blockSet: string | null; blockBefore: string | null },
): Promise<void> {
  await db
    .updateTable('login_throttles')
    .set({ failures: sql<number>`case when failures > 0 then failures - 1 else 0 end` })
    .where('key_hash', '=', keyHash)
    .execute();
  if (claimed.blockSet !== null) {
    await db
      .updateTable('login_throttles')
      .set({ blocked_until: claimed.blockBefore })
      .where('key_hash', '=', keyHash)
      .where('blocked_until', '=', claimed.blockSet)
      .execute();
  }
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
