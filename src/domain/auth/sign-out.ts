import { AppError } from '../../errors.js';
import { deleteSession } from '../../storage/repositories/admin-session.repository.js';
import { resolveSession } from './resolve-session.js';
import { hashSecretToken, secretsEqual } from './secret-token.js';
import type { AuthDeps } from './session.js';

/**
 * Ends a session for good: the cookie value is worthless afterwards, even if kept. Signing out
 * changes state, so a live session needs its CSRF token too (otherwise any site could sign an
 * admin out); a cookie naming no live session has nothing to end.
 */
export async function signOut(deps: AuthDeps, token: string | undefined, csrfSent: unknown): Promise<void> {
  const session = token ? await resolveSession(deps, token) : null;
  if (!token || !session) return;
  if (typeof csrfSent !== 'string' || !secretsEqual(csrfSent, session.csrfToken)) {
    throw new AppError('FORBIDDEN', 'Missing or invalid CSRF token');
  }
  await deleteSession(deps.db.kysely, hashSecretToken(token));
}
