import type { AdminUserRow } from '../../storage/database.js';
import type { Db } from '../../storage/db.js';
import { insertAdminSession } from '../../storage/repositories/admin-session.repository.js';
import { hashSecretToken, newSecretToken } from './secret-token.js';

export interface AuthDeps {
  db: Db;
  now: () => Date;
  sessionTtlHours: number;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** A new session as the client gets it: the cookie value and the CSRF token, both shown once. */
export interface OpenedSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

/** The account as the API shows it to itself and to other admins. */
export function presentSessionUser(user: AdminUserRow) {
  return { id: user.id, email: user.email, role: user.role, displayName: user.display_name };
}

export function sessionExpiry(now: Date, ttlHours: number): string {
  return new Date(now.getTime() + ttlHours * 3_600_000).toISOString();
}

/** Stores a session for `userId`; pass the transaction when it belongs to a larger change. */
export async function openSession(
  db: Db['kysely'],
  userId: string,
  context: ClientInfo & { now: Date; ttlHours: number },
): Promise<OpenedSession> {
  const token = newSecretToken();
  const session = {
    token,
    csrfToken: newSecretToken(),
    expiresAt: sessionExpiry(context.now, context.ttlHours),
  };
  await insertAdminSession(db, {
    token_hash: hashSecretToken(token),
    user_id: userId,
    csrf_token: session.csrfToken,
    created_at: context.now.toISOString(),
    expires_at: session.expiresAt,
    // Kept short: the address and browser help an admin recognise a session, nothing more.
    ip: context.ip,
    user_agent: context.userAgent?.slice(0, 300) ?? null,
  });
  return session;
}
