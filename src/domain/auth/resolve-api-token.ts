import { AppError } from '../../errors.js';
import type { Db } from '../../storage/db.js';
import { findApiTokenByHash } from '../../storage/repositories/api-token.repository.js';
import { parseScopes, tokenState } from '../admin/tokens/present-api-token.js';
import { type Actor, tokenActorLabel } from './actor.js';
import { hashSecretToken } from './secret-token.js';

/**
 * The actor behind a named API token, or the 401 that says why not: unknown, revoked or
 * expired, each with its own code so a script's operator knows what to fix.
 */
export async function resolveApiToken(deps: { db: Db; now: () => Date }, secret: string): Promise<Actor> {
  const row = await findApiTokenByHash(deps.db.kysely, hashSecretToken(secret));
  if (!row) {
    throw new AppError('UNAUTHORIZED', 'The API token is not known: send it as "Authorization: Bearer <token>".');
  }
  const state = tokenState(row, deps.now());
  if (state === 'revoked') throw new AppError('TOKEN_REVOKED', `The API token "${row.name}" was revoked.`);
  if (state === 'expired') {
    throw new AppError('TOKEN_EXPIRED', `The API token "${row.name}" expired at ${row.expires_at}.`);
  }
  return {
    userId: null,
    label: tokenActorLabel(row.name),
    role: 'reviewer',
    token: { id: row.id, name: row.name, scopes: parseScopes(row.scopes) },
  };
}
