import { type Kysely, sql } from 'kysely';
import type { Database, DocumentRow, NewDocumentRow } from '../database.js';

type Executor = Kysely<Database>;

export async function insertDocuments(db: Executor, rows: NewDocumentRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('documents').values(rows).execute();
}

export async function listDocumentsOf(db: Executor, enrollmentId: string): Promise<DocumentRow[]> {
  return db
    .selectFrom('documents')
    .selectAll()
    .where('enrollment_id', '=', enrollmentId)
    .orderBy('category')
    .orderBy('position')
    .execute();
}

export async function findDocumentById(db: Executor, id: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every storage key any row names, for the orphan sweep and for backups. */
export async function listReferencedStorageKeys(db: Executor): Promise<Set<string>> {
  const rows = await db.selectFrom('documents').select('storage_key').distinct().execute();
  return new Set(rows.map((r) => r.storage_key));
}

export async function isStorageKeyReferenced(db: Executor, key: string): Promise<boolean> {
  const row = await db.selectFrom('documents').select('id').where('storage_key', '=', key).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Number and total size of distinct stored files named by documents. */
export async function summarizeStoredFiles(db: Executor): Promise<{ files: number; bytes: number }> {
  const row = await db
    .selectFrom(
      db
        .selectFrom('documents')
        .select(['storage_key', sql<number>`max(size_bytes)`.as('size')])
        .groupBy('storage_key')
        .as('f'),
    )
    .select([sql<number>`count(*)`.as('files'), sql<number>`coalesce(sum(f.size), 0)`.as('bytes')])
    .executeTakeFirstOrThrow();
  return { files: Number(row.files), bytes: Number(row.bytes) };
}
