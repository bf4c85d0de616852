import type { AdminUserRow } from '../../storage/database.js';
import { extendSession, findLiveSession } from '../../storage/repositories/admin-session.repository.js';
import { hashSecretToken } from './secret-token.js';
import { type AuthDeps, sessionExpiry } from './session.js';

export interface ResolvedSession {
  user: AdminUserRow;
  csrfToken: string;
  expiresAt: string;
  /** True when this request pushed the expiry out, so the cookie should be sent again. */
  extended: boolean;
}

/** Extending at most once a minute keeps a burst of requests from writing on every one. */
const EXTEND_AFTER_MS = 60_000;

/**
 * The session a cookie names, if it is live and its account may still sign in. Sessions slide:
 * each use pushes the expiry to a full SESSION_TTL_HOURS from now, so only idleness ends one.
 */
export async function resolveSession(deps: AuthDeps, token: string): Promise<ResolvedSession | null> {
  const now = deps.now();
  const tokenHash = hashSecretToken(token);
  const found = await findLiveSession(deps.db.kysely, tokenHash, now.toISOString());
  if (!found || found.user.disabled === 1 || !found.user.password_hash) return null;
  const { session, user } = found;
  if (now.getTime() - new Date(session.last_seen_at).getTime() < EXTEND_AFTER_MS) {
    return { user, csrfToken: session.csrf_token, expiresAt: session.expires_at, extended: false };
  }
  const expiresAt = sessionExpiry(now, deps.sessionTtlHours);
  await extendSession(deps.db.kysely, tokenHash, now.toISOString(), expiresAt);
  return { user, csrfToken: session.csrf_token, expiresAt, extended: true };
}
