import type { Kysely } from 'kysely';
import type { AccessLinkPurpose, Database } from '../database.js';

type Executor = Kysely<Database>;

export async function insertAccessLink(
  db: Executor,
  link: { tokenHash: string; purpose: AccessLinkPurpose; targetId: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('access_links')
    .values({
      token_hash: link.tokenHash,
      purpose: link.purpose,
      target_id: link.targetId,
      created_at: link.createdAt,
      expires_at: link.expiresAt,
    })
    .execute();
}

/** What a live link opens, or undefined for an unknown or expired one. */
export async function findLiveAccessLink(
  db: Executor,
  tokenHash: string,
  purpose: AccessLinkPurpose,
  now: string,
): Promise<{ targetId: string; expiresAt: string } | undefined> {
  const row = await db
    .selectFrom('access_links')
    .select(['target_id', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { targetId: row.target_id, expiresAt: row.expires_at } : undefined;
}

export async function deleteExpiredAccessLinks(db: Executor, now: string): Promise<number> {
  const result = await db.deleteFrom('access_links').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
