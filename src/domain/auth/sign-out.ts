import { deleteSession } from '../../storage/repositories/admin-session.repository.js';
import { hashSecretToken } from './secret-token.js';
import type { AuthDeps } from './session.js';

/** Ends a session for good: the cookie value is worthless afterwards, even if kept. */
export async function signOut(deps: Pick<AuthDeps, 'db'>, token: string): Promise<void> {
  await deleteSession(deps.db.kysely, hashSecretToken(token));
}
