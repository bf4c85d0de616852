import type { Kysely } from 'kysely';
import type { AdminSessionRow, AdminUserRow, Database } from '../database.js';

type Executor = Kysely<Database>;

export async function insertAdminSession(
  db: Executor,
  session: Omit<AdminSessionRow, 'last_seen_at'> & { last_seen_at?: string },
): Promise<void> {
  await db
    .insertInto('admin_sessions')
    .values({ ...session, last_seen_at: session.last_seen_at ?? session.created_at })
    .execute();
}

/** A live session (not expired at `now`) with its account. */
export async function findLiveSession(
  db: Executor,
  tokenHash: string,
  now: string,
): Promise<{ session: AdminSessionRow; user: AdminUserRow } | undefined> {
  const session = await db
    .selectFrom('admin_sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!session) return undefined;
  const user = await db.selectFrom('admin_users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
  return user ? { session, user } : undefined;
}

export async function extendSession(db: Executor, tokenHash: string, now: string, expiresAt: string): Promise<void> {
  await db
    .updateTable('admin_sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('admin_sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOfUser(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('admin_sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Executor, now: string): Promise<number> {
  const result = await db.deleteFrom('admin_sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
