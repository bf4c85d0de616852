import type { Db } from '../../storage/db.js';
import { deleteExpiredSessions } from '../../storage/repositories/admin-session.repository.js';
import { deleteStaleThrottles } from '../../storage/repositories/login-throttle.repository.js';
import { deleteStaleSetupTokens } from '../../storage/repositories/setup-token.repository.js';
import { FORGET_FAILURES_AFTER_MS } from './login-throttle.js';

/**
 * The hourly clean-up of sign-in records: expired sessions, setup links expired for a day, and
 * throttle counters that no longer block anyone. Each is already ignored once expired; this
 * only keeps the tables small.
 */
export async function sweepExpiredAuth(deps: { db: Db; now: () => Date }) {
  const now = deps.now();
  const db = deps.db.kysely;
  return {
    sessions: await deleteExpiredSessions(db, now.toISOString()),
    setupLinks: await deleteStaleSetupTokens(db, new Date(now.getTime() - 86_400_000).toISOString()),
    throttles: await deleteStaleThrottles(
      db,
      new Date(now.getTime() - FORGET_FAILURES_AFTER_MS).toISOString(),
      now.toISOString(),
    ),
  };
}
