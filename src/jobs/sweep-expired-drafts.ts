import type { Db } from '../storage/db.js';
import { deleteExpiredDrafts, deleteIdleDraftCreators } from '../storage/repositories/draft.repository.js';

/**
 * Deletes drafts whose expiry has passed (DRAFT_TTL_DAYS after their last save), with their file
 * rows, in one transaction, and the open-drafts lock rows of addresses left with none. Their files become unreferenced and the orphan sweep removes them.
 * Returns how many drafts were deleted (never anything personal, so it can be logged).
 */
export async function sweepExpiredDrafts(deps: { db: Db; now: () => Date }): Promise<number> {
  const now = deps.now().toISOString();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const deleted = await deleteExpiredDrafts(trx, now);
    await deleteIdleDraftCreators(trx);
    return deleted;
  });
}
