import { AppError } from '../../errors.js';
import { deleteDraftFile, touchDraft } from '../../storage/repositories/draft.repository.js';
import { type DraftDeps, draftExpiry, draftNotFound, openDraft } from './open-draft.js';

/**
 * Removes a file from a draft (a save: the expiry is extended). The stored bytes stay until the
 * orphan sweep finds nothing else naming them.
 */
export async function removeDraftFile(
  deps: Omit<DraftDeps, 'files'>,
  typedCode: string,
  fileId: string,
): Promise<void> {
  const now = deps.now();
  const { draft } = await openDraft(deps, typedCode, now);
  await deps.db.kysely.transaction().execute(async (trx) => {
    const live = await touchDraft(trx, draft.id, { now: now.toISOString(), expiresAt: draftExpiry(now, deps.ttlDays) });
    if (!live) throw draftNotFound();
    if (!(await deleteDraftFile(trx, draft.id, fileId))) {
      throw new AppError('NOT_FOUND', 'This draft has no file with this id.');
    }
  });
}
