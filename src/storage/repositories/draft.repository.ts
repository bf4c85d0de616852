import { type Kysely, sql } from 'kysely';
import type { Database, DraftFileRow, DraftRow, NewDraftFileRow } from '../database.js';

type Executor = Kysely<Database>;

export interface NewDraft {
  id: string;
  codeHash: string;
  step: number;
  /** JSON text. */
  data: string;
  /** 'en' when not given. */
  language?: string;
  createdAt: string;
  expiresAt: string;
  /** Keyed hash of the creating address, for the open-drafts limit; null when the system opens it. */
  creatorKey?: string | null;
}

export async function insertDraft(db: Executor, draft: NewDraft): Promise<void> {
  await db
    .insertInto('drafts')
    .values({
      id: draft.id,
      code_hash: draft.codeHash,
      step: draft.step,
      data: draft.data,
      language: draft.language ?? 'en',
      created_at: draft.createdAt,
      updated_at: draft.createdAt,
      expires_at: draft.expiresAt,
      creator_key: draft.creatorKey ?? null,
    })
    .execute();
}

/**
 * Takes the lock row of one creating address until the transaction ends: the UPDATE locks it on
 * PostgreSQL (SQLite runs one writer at a time anyway), so counting that address's drafts and
 * adding one cannot interleave with another request from it.
 */
export async function lockDraftCreator(db: Executor, addressKey: string, now: string): Promise<void> {
  await db
    .insertInto('draft_creators')
    .values({ address_key: addressKey, last_created_at: now })
    .onConflict((oc) => oc.column('address_key').doNothing())
    .execute();
  await db.updateTable('draft_creators').set({ last_created_at: now }).where('address_key', '=', addressKey).execute();
}

/** Drafts started from one address that have not expired. */
export async function countOpenDraftsOf(db: Executor, creatorKey: string, now: string): Promise<number> {
  const row = await db
    .selectFrom('drafts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('creator_key', '=', creatorKey)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Forgets the lock rows of addresses that no longer have a draft (run after the expiry sweep). */
export async function deleteIdleDraftCreators(db: Executor): Promise<number> {
  const result = await db
    .deleteFrom('draft_creators')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('drafts').select('drafts.id').whereRef('drafts.creator_key', '=', 'draft_creators.address_key'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * The draft with this code hash, unless it has expired (the sweep may not have run yet). A
 * live resume link sent by e-mail (migration 0006) opens its draft the same way.
 */
export async function findLiveDraftByCodeHash(
  db: Executor,
  codeHash: string,
  now: string,
): Promise<DraftRow | undefined> {
  return db
    .selectFrom('drafts')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('code_hash', '=', codeHash),
        eb(
          'id',
          'in',
          eb
            .selectFrom('access_links')
            .select('target_id')
            .where('token_hash', '=', codeHash)
            .where('purpose', '=', 'resume')
            .where('expires_at', '>', now),
        ),
      ]),
    )
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/**
 * Records a save: new `updated_at`, expiry pushed out, and optionally new step and data. Returns
 * false when the draft is gone or expired. On PostgreSQL the UPDATE also locks the row, so two
 * requests changing one draft's files run one after the other inside their transactions.
 */
export async function touchDraft(
  db: Executor,
  id: string,
  change: { now: string; expiresAt: string; step?: number; data?: string; language?: string },
): Promise<boolean> {
  const result = await db
    .updateTable('drafts')
    .set({
      updated_at: change.now,
      expires_at: change.expiresAt,
      ...(change.step !== undefined ? { step: change.step } : {}),
      ...(change.data !== undefined ? { data: change.data } : {}),
      ...(change.language !== undefined ? { language: change.language } : {}),
    })
    .where('id', '=', id)
    .where('expires_at', '>', change.now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes one draft and its file rows; false when it was already gone. */
export async function deleteDraft(db: Executor, id: string): Promise<boolean> {
  await db.deleteFrom('draft_files').where('draft_id', '=', id).execute();
  const result = await db.deleteFrom('drafts').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Deletes every draft that expired at or before `now`, with its file rows (explicitly, so this
 * does not depend on foreign-key cascades). Call inside a transaction. Returns the drafts removed.
 */
export async function deleteExpiredDrafts(db: Executor, now: string): Promise<number> {
  const expired = db.selectFrom('drafts').select('id').where('expires_at', '<=', now);
  await db.deleteFrom('draft_files').where('draft_id', 'in', expired).execute();
  const result = await db.deleteFrom('drafts').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function listDraftFiles(db: Executor, draftId: string): Promise<DraftFileRow[]> {
  return db
    .selectFrom('draft_files')
    .selectAll()
    .where('draft_id', '=', draftId)
    .orderBy('field')
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function findDraftFile(db: Executor, draftId: string, fileId: string): Promise<DraftFileRow | undefined> {
  return db
    .selectFrom('draft_files')
    .selectAll()
    .where('draft_id', '=', draftId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

export async function insertDraftFile(db: Executor, row: NewDraftFileRow): Promise<void> {
  await db.insertInto('draft_files').values(row).execute();
}

export async function deleteDraftFile(db: Executor, draftId: string, fileId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('draft_files')
    .where('draft_id', '=', draftId)
    .where('id', '=', fileId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteDraftFilesInSlot(db: Executor, draftId: string, field: string): Promise<number> {
  const result = await db
    .deleteFrom('draft_files')
    .where('draft_id', '=', draftId)
    .where('field', '=', field)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Bytes of a draft's files, leaving out one slot's (the file an upload is about to replace). */
export async function sumDraftFileBytes(db: Executor, draftId: string, exceptField?: string): Promise<number> {
  let query = db
    .selectFrom('draft_files')
    .select(sql<number | null>`sum(size_bytes)`.as('total'))
    .where('draft_id', '=', draftId);
  if (exceptField !== undefined) query = query.where('field', '!=', exceptField);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.total ?? 0);
}

/** Number of files in one slot and the next free position in it. */
export async function describeDraftSlot(
  db: Executor,
  draftId: string,
  field: string,
): Promise<{ count: number; nextPosition: number }> {
  const row = await db
    .selectFrom('draft_files')
    .select([sql<number>`count(*)`.as('count'), sql<number | null>`max(position)`.as('last')])
    .where('draft_id', '=', draftId)
    .where('field', '=', field)
    .executeTakeFirstOrThrow();
  const last = row.last === null ? -1 : Number(row.last);
  return { count: Number(row.count), nextPosition: last + 1 };
}

/**
 * Every storage key a draft file names. Draft files are live data: the orphan sweep must keep
 * them and a backup that wants drafts restorable must include them.
 */
export async function listDraftStorageKeys(db: Executor): Promise<Set<string>> {
  const rows = await db.selectFrom('draft_files').select('storage_key').distinct().execute();
  return new Set(rows.map((r) => r.storage_key));
}

/**
 * Every key named by a document or a draft file, read in ONE statement. Submitting a draft moves
 * its keys from draft_files to documents in one transaction; reading the two tables separately
 * could see neither and delete a live file.
 */
export async function listAllReferencedStorageKeys(db: Executor): Promise<Set<string>> {
  const rows = await db
    .selectFrom('documents')
    .select('storage_key')
    .union(db.selectFrom('draft_files').select('storage_key'))
    .execute();
  return new Set(rows.map((r) => r.storage_key));
}

/** Like `listDraftStorageKeys`, with one draft file naming each key and its size (for backups). */
export async function listDraftReferencedFiles(
  db: Executor,
): Promise<{ key: string; draftFileId: string; sizeBytes: number }[]> {
  const rows = await db
    .selectFrom('draft_files')
    .select([
      'storage_key as key',
      sql<string>`min(id)`.as('draftFileId'),
      sql<number>`max(size_bytes)`.as('sizeBytes'),
    ])
    .groupBy('storage_key')
    .orderBy('storage_key')
    .execute();
  return rows.map((r) => ({ key: r.key, draftFileId: r.draftFileId, sizeBytes: Number(r.sizeBytes) }));
}
