import type { Db } from '../../../storage/db.js';
import { listApiTokens as listRows } from '../../../storage/repositories/api-token.repository.js';
import { presentApiToken } from './present-api-token.js';

/** Every token, newest first, with its state and when it was last used. */
export async function listApiTokens(deps: { db: Db; now: () => Date }) {
  const now = deps.now();
  return { tokens: (await listRows(deps.db.kysely)).map((row) => presentApiToken(row, now)) };
}
