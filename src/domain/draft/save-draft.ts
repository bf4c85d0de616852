import { listDraftFiles, touchDraft } from '../../storage/repositories/draft.repository.js';
import type { DraftChange } from './draft-change.js';
import { type DraftDeps, draftExpiry, draftNotFound, openDraft } from './open-draft.js';
import { type PresentedDraft, presentDraft } from './present-draft.js';

/** Stores the wizard's progress (step and/or data, replacing what was there) and extends the expiry. */
export async function saveDraft(
  deps: Omit<DraftDeps, 'files'>,
  typedCode: string,
  change: DraftChange,
): Promise<PresentedDraft> {
  const now = deps.now();
  const { code, draft } = await openDraft(deps, typedCode, now);
  const saved = {
    now: now.toISOString(),
    expiresAt: draftExpiry(now, deps.ttlDays),
    ...(change.step !== undefined ? { step: change.step } : {}),
    ...(change.data !== undefined ? { data: change.data } : {}),
    ...(change.language !== undefined ? { language: change.language } : {}),
  };
  if (!(await touchDraft(deps.db.kysely, draft.id, saved))) throw draftNotFound();
  const updated = {
    ...draft,
    step: change.step ?? draft.step,
    data: change.data ?? draft.data,
    language: change.language ?? draft.language,
    updated_at: saved.now,
    expires_at: saved.expiresAt,
  };
  return presentDraft(code, updated, await listDraftFiles(deps.db.kysely, draft.id));
}
