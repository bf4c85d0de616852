import { listDraftFiles } from '../../storage/repositories/draft.repository.js';
import { findChangeRequest } from './find-change-request.js';
import { type DraftDeps, openDraft } from './open-draft.js';
import { type PresentedDraft, presentDraft } from './present-draft.js';

/**
 * The draft for a resume code, with its files and, for a draft opened by a request for changes,
 * the admin's message and fields; NOT_FOUND when unknown or expired.
 */
export async function getDraft(
  deps: Pick<DraftDeps, 'db' | 'now'>,
  typedCode: string,
): Promise<PresentedDraft & { changeRequest: { message: string; fields: string[] } | null }> {
  const { code, draft } = await openDraft(deps, typedCode, deps.now());
  return {
    ...presentDraft(code, draft, await listDraftFiles(deps.db.kysely, draft.id)),
    changeRequest: await findChangeRequest(deps.db.kysely, draft.id),
  };
}
