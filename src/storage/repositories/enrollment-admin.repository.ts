import type { Kysely } from 'kysely';
import type { Database, EnrollmentStatus } from '../database.js';
import { takesRowLocks } from '../row-locks.js';

type Executor = Kysely<Database>;

export interface ReviewDecision {
  to: EnrollmentStatus;
  at: string;
  by: string;
  note: string | null;
  requestedFields: string[] | null;
  requestedDraftId: string | null;
}

/**
 * Records a review decision, but only if the enrollment is still in `from` and not deleted:
 * a concurrent decision or resubmission makes this return false instead of overwriting it.
 */
export async function recordDecision(db: Executor, id: string, from: EnrollmentStatus, decision: ReviewDecision) {
  const result = await db
    .updateTable('enrollments')
    .set({
      status: decision.to,
      updated_at: decision.at,
      reviewed_at: decision.at,
      reviewed_by: decision.by,
      review_note: decision.note,
      requested_fields: decision.requestedFields ? JSON.stringify(decision.requestedFields) : null,
      requested_draft_id: decision.requestedDraftId,
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** When a newer revision is approved, the approval it replaces becomes history. */
export async function supersedeApprovedBefore(db: Executor, techId: string, revision: number, at: string) {
  await db
    .updateTable('enrollments')
    .set({ status: 'superseded', updated_at: at })
    .where('tech_id', '=', techId)
    .where('revision', '<', revision)
    .where('status', '=', 'approved')
    .execute();
}

/** Soft-deletes every revision of a technician's enrollment that is not deleted yet; returns their ids. */
export async function softDeleteRevisions(db: Executor, techId: string, at: string, by: string): Promise<string[]> {
  const rows = await db
    .selectFrom('enrollments')
    .select('id')
    .where('tech_id', '=', techId)
    .where('deleted_at', 'is', null)
    .execute();
  if (rows.length === 0) return [];
  await db
    .updateTable('enrollments')
    .set({ deleted_at: at, deleted_by: by, updated_at: at })
    .where('tech_id', '=', techId)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

export async function restoreRevisions(db: Executor, techId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('enrollments')
    .set({ deleted_at: null, deleted_by: null, updated_at: at })
    .where('tech_id', '=', techId)
    .where('deleted_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Enrollments soft-deleted before `before`, as the purge job takes them. */
export async function listDeletedBefore(db: Executor, before: string, limit: number) {
  return (
    db
      .selectFrom('enrollments')
      .select(['id', 'reference', 'tech_id'])
      .where('deleted_at', '<', before)
      .orderBy('deleted_at')
      .limit(limit)
      // Locked until the purge's transaction ends: another instance purging at once skips them.
      .$if(takesRowLocks(db), (qb) => qb.forUpdate().skipLocked())
      .execute()
  );
}

/**
 * Removes enrollments for good with everything that hangs off them (documents, checklist,
 * their audit events, the drafts opened when changes were requested), explicitly rather than
 * through cascades. A later revision that names a removed one as its predecessor keeps
 * standing, without the link. Returns the storage keys the removed rows named, for the caller
 * to delete the files no other row needs.
 */
export async function purgeEnrollmentRows(db: Executor, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const drafts = db.selectFrom('enrollments').select('requested_draft_id').where('id', 'in', ids);
  const keys = await db
    .selectFrom('documents')
    .select('storage_key')
    .where('enrollment_id', 'in', ids)
    .union(db.selectFrom('draft_files').select('storage_key').where('draft_id', 'in', drafts))
    .execute();
  await db.deleteFrom('draft_files').where('draft_id', 'in', drafts).execute();
  await db.deleteFrom('drafts').where('id', 'in', drafts).execute();
  await db.deleteFrom('documents').where('enrollment_id', 'in', ids).execute();
  await db.deleteFrom('checklist_tasks').where('enrollment_id', 'in', ids).execute();
  await db.deleteFrom('audit_events').where('enrollment_id', 'in', ids).execute();
  await db.updateTable('enrollments').set({ supersedes_id: null }).where('supersedes_id', 'in', ids).execute();
  await db.deleteFrom('enrollments').where('id', 'in', ids).execute();
  return keys.map((k) => k.storage_key);
}

/** Which of `keys` a document or a draft file still names. */
export async function findReferencedStorageKeys(db: Executor, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('documents')
    .select('storage_key')
    .where('storage_key', 'in', keys)
    .union(db.selectFrom('draft_files').select('storage_key').where('storage_key', 'in', keys))
    .execute();
  return new Set(rows.map((r) => r.storage_key));
}
