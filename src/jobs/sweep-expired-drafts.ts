import type { Db } from '../storage/db.js';
import { deleteExpiredDrafts } from '../storage/repositories/draft.repository.js';

/**
 * Deletes drafts whose expiry has passed (DRAFT_TTL_DAYS after their last save), with their file
 * rows, in one transaction. Their files become unreferenced and the orphan sweep removes them.
 * Returns how many drafts were deleted (never anything personal, so it can be logged).
 */
export async function sweepExpiredDrafts(deps: { db: Db; now: () => Date }): Promise<number> {
  const now = deps.now().toISOString();
  return deps.db.kysely.transaction().execute((trx) => deleteExpiredDrafts(trx, now));
}
