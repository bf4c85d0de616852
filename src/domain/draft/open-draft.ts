import { AppError } from '../../errors.js';
import type { FileStore } from '../../files/file-store.js';
import type { DraftRow } from '../../storage/database.js';
import type { Db } from '../../storage/db.js';
import { findLiveDraftByCodeHash } from '../../storage/repositories/draft.repository.js';
import { hashResumeCode, parseResumeCode } from './resume-code.js';

export interface DraftDeps {
  db: Db;
  files: FileStore;
  now: () => Date;
  /** Days a draft lives after its last save. */
  ttlDays: number;
}

/** Marks the NOT_FOUND of an unknown resume code, which the HTTP layer counts against guessing. */
export const UNKNOWN_DRAFT = 'unknown_draft';

/** The one answer for a code that is malformed, unknown or expired: nothing to tell apart. */
export function draftNotFound(): AppError {
  return new AppError(
    'NOT_FOUND',
    'No draft has this resume code. It may have been mistyped, already submitted, or expired.',
    { details: { reason: UNKNOWN_DRAFT } },
  );
}

export function isUnknownDraft(error: unknown): boolean {
  return error instanceof AppError && (error.details as { reason?: string } | undefined)?.reason === UNKNOWN_DRAFT;
}

/** The live draft for a typed resume code, with the code in canonical form. */
export async function openDraft(deps: Pick<DraftDeps, 'db'>, typedCode: string, now: Date) {
  const code = parseResumeCode(typedCode);
  if (!code) throw draftNotFound();
  const draft: DraftRow | undefined = await findLiveDraftByCodeHash(
    deps.db.kysely,
    hashResumeCode(code),
    now.toISOString(),
  );
  if (!draft) throw draftNotFound();
  return { code, draft };
}

/** When a draft saved at `now` expires. */
export function draftExpiry(now: Date, ttlDays: number): string {
  return new Date(now.getTime() + ttlDays * 24 * 60 * 60 * 1000).toISOString();
}
