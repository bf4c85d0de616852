import type { Kysely, Selectable } from 'kysely';
import type { AdminSetupTokensTable, Database, SetupTokenPurpose } from '../database.js';

type Executor = Kysely<Database>;
export type SetupTokenRow = Selectable<AdminSetupTokensTable>;

export async function insertSetupToken(db: Executor, row: Omit<SetupTokenRow, 'used_at'>): Promise<void> {
  await db
    .insertInto('admin_setup_tokens')
    .values({ ...row, used_at: null })
    .execute();
}

/**
 * Unused links of one account (or, with `userId` null, first-admin links) stop working when a
 * new one is issued: only the newest link is ever valid.
 */
export async function deleteUnusedSetupTokens(
  db: Executor,
  userId: string | null,
  purpose?: SetupTokenPurpose,
): Promise<void> {
  let query = db.deleteFrom('admin_setup_tokens').where('used_at', 'is', null);
  query = userId === null ? query.where('user_id', 'is', null) : query.where('user_id', '=', userId);
  if (purpose) query = query.where('purpose', '=', purpose);
  await query.execute();
}

export async function findUsableSetupToken(
  db: Executor,
  tokenHash: string,
  now: string,
): Promise<SetupTokenRow | undefined> {
  return db
    .selectFrom('admin_setup_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks a link used; false when another request used it first. */
export async function markSetupTokenUsed(db: Executor, tokenHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('admin_setup_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Expired or used links are kept a day (for support questions), then removed. */
export async function deleteStaleSetupTokens(db: Executor, before: string): Promise<number> {
  const result = await db.deleteFrom('admin_setup_tokens').where('expires_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
