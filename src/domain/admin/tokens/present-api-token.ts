import { TOKEN_SCOPES, type TokenScope } from '../../../shared/api-token-scopes.js';
import type { ApiTokenRow } from '../../../storage/repositories/api-token.repository.js';

export type ApiTokenState = 'active' | 'expired' | 'revoked';

/** A token as the API shows it: never its secret (nor its hash). */
export function presentApiToken(row: ApiTokenRow, now: Date) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.token_prefix,
    scopes: parseScopes(row.scopes),
    state: tokenState(row, now),
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
  };
}

export function tokenState(row: ApiTokenRow, now: Date): ApiTokenState {
  if (row.revoked_at !== null) return 'revoked';
  return row.expires_at <= now.toISOString() ? 'expired' : 'active';
}

/** Scopes as stored; a name this version does not know grants nothing. */
export function parseScopes(stored: string): TokenScope[] {
  const list: unknown = JSON.parse(stored);
  return Array.isArray(list) ? TOKEN_SCOPES.filter((scope) => list.includes(scope)) : [];
}
