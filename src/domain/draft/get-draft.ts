import { listDraftFiles } from '../../storage/repositories/draft.repository.js';
import { type DraftDeps, openDraft } from './open-draft.js';
import { type PresentedDraft, presentDraft } from './present-draft.js';

/** The draft for a resume code, with its files; NOT_FOUND when unknown or expired. */
export async function getDraft(deps: Pick<DraftDeps, 'db' | 'now'>, typedCode: string): Promise<PresentedDraft> {
  const { code, draft } = await openDraft(deps, typedCode, deps.now());
  return presentDraft(code, draft, await listDraftFiles(deps.db.kysely, draft.id));
}
