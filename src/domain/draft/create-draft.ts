import { isUniqueViolation } from '../../storage/errors.js';
import { newId } from '../../storage/ids.js';
import { insertDraft } from '../../storage/repositories/draft.repository.js';
import type { DraftChange } from './draft-change.js';
import { type DraftDeps, draftExpiry } from './open-draft.js';
import { type PresentedDraft, presentDraft } from './present-draft.js';
import { hashResumeCode, newResumeCode } from './resume-code.js';

/** Starts a draft, optionally with a first step and data; returns it with its new resume code. */
export async function createDraft(deps: Omit<DraftDeps, 'files'>, change: DraftChange = {}): Promise<PresentedDraft> {
  const now = deps.now();
  for (let attempt = 1; ; attempt++) {
    const code = newResumeCode();
    const row = {
      id: newId(),
      codeHash: hashResumeCode(code),
      step: change.step ?? 0,
      data: change.data ?? '{}',
      language: change.language ?? 'en',
      createdAt: now.toISOString(),
      expiresAt: draftExpiry(now, deps.ttlDays),
    };
    try {
      await insertDraft(deps.db.kysely, row);
    } catch (error) {
      // 2^50 codes make a collision all but impossible; if one happens, draw again.
      if (isUniqueViolation(error) && attempt < 5) continue;
      throw error;
    }
    return presentDraft(
      code,
      {
        id: row.id,
        code_hash: row.codeHash,
        step: row.step,
        data: row.data,
        language: row.language,
        created_at: row.createdAt,
        updated_at: row.createdAt,
        expires_at: row.expiresAt,
      },
      [],
    );
  }
}
