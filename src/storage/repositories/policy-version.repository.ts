import type { Kysely } from 'kysely';
import type { Database, PolicyVersionsTable } from '../database.js';

type Executor = Kysely<Database>;

export type PolicyVersionRow = PolicyVersionsTable;

/** Records each version as served now: added the first time, its `last_served_at` renewed after. */
export async function markPolicyVersionsServed(
  db: Executor,
  versions: readonly Omit<PolicyVersionRow, 'first_served_at' | 'last_served_at'>[],
  now: string,
): Promise<void> {
  for (const version of versions) {
    await db
      .insertInto('policy_versions')
      .values({ ...version, first_served_at: now, last_served_at: now })
      .onConflict((oc) => oc.column('sha256').doUpdateSet({ last_served_at: now }))
      .execute();
  }
}

/** The version with this SHA-256 if some instance served it at or after `servedSince`. */
export async function findPolicyVersion(
  db: Executor,
  sha256: string,
  servedSince: string,
): Promise<PolicyVersionRow | undefined> {
  return db
    .selectFrom('policy_versions')
    .selectAll()
    .where('sha256', '=', sha256)
    .where('last_served_at', '>=', servedSince)
    .executeTakeFirst();
}
