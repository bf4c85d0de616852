import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../errors.js';
import type { Database } from '../../storage/database.js';
import { isUniqueViolation } from '../../storage/errors.js';
import { newId } from '../../storage/ids.js';
import { countOpenDraftsOf, insertDraft, lockDraftCreator } from '../../storage/repositories/draft.repository.js';
import { insertSettingIfAbsent, readSetting } from '../../storage/repositories/settings.repository.js';
import type { DraftChange } from './draft-change.js';
import { type DraftDeps, draftExpiry } from './open-draft.js';
import { type PresentedDraft, presentDraft } from './present-draft.js';
import { hashResumeCode, newResumeCode } from './resume-code.js';

const ADDRESS_HASH_KEY = 'address_hash_key';

export interface CreateDraftDeps extends Omit<DraftDeps, 'files'> {
  /** Open (unexpired) drafts one address may hold (MAX_OPEN_DRAFTS_PER_ADDRESS). */
  maxOpenPerAddress: number;
}

/**
 * Starts a draft for a technician at `address`, optionally with a first step and data; returns it
 * with its new resume code. An address holding MAX_OPEN_DRAFTS_PER_ADDRESS open drafts is
 * refused: the count and the insert run under that address's lock, so a burst cannot pass it.
 */
export async function createDraft(
  deps: CreateDraftDeps,
  address: string,
  change: DraftChange = {},
): Promise<PresentedDraft> {
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
    const creatorKey = await addressKey(deps.db.kysely, address, row.createdAt);
    try {
      await deps.db.kysely.transaction().execute(async (trx) => {
        await lockDraftCreator(trx, creatorKey, row.createdAt);
        if ((await countOpenDraftsOf(trx, creatorKey, row.createdAt)) >= deps.maxOpenPerAddress) {
          throw new AppError(
            'RATE_LIMITED',
            'Too many unfinished drafts from this address. Continue one with its resume code, or try again later.',
          );
        }
        await insertDraft(trx, { ...row, creatorKey });
      });
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
        creator_key: null,
      },
      [],
    );
  }
}

/**
 * The address as stored with a draft: an HMAC under this installation's own key, drawn on first
 * use and kept in settings (every instance sharing the database uses the same one), so a copy
 * of the database does not give the addresses away, even by trying every IPv4 address.
 */
async function addressKey(db: Kysely<Database>, address: string, now: string): Promise<string> {
  let key = await readSetting(db, ADDRESS_HASH_KEY);
  if (typeof key !== 'string') {
    // Two instances drawing at once: the first insert wins and both read it back.
    await insertSettingIfAbsent(db, ADDRESS_HASH_KEY, randomBytes(32).toString('hex'), now);
    key = await readSetting(db, ADDRESS_HASH_KEY);
  }
  if (typeof key !== 'string') throw new AppError('INTERNAL', 'The address hash key could not be stored.');
  return createHmac('sha256', key).update(address).digest('hex');
}
