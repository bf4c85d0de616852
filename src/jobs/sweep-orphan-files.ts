import type { FileStore } from '../files/file-store.js';
import type { Db } from '../storage/db.js';
import { listAllReferencedStorageKeys } from '../storage/repositories/draft.repository.js';

/**
 * Files are committed to the store just before the transaction that names them. If that
 * transaction fails, or a process dies in between, the file is an orphan. Anything unreferenced
 * and older than the grace period is removed; the grace period protects files whose row is
 * about to commit. Files of drafts are referenced too, until the draft is submitted (its files
 * then belong to documents) or expires.
 */
export async function sweepOrphanFiles(
  deps: { db: Db; files: FileStore; now: () => Date },
  graceMs = 60 * 60 * 1000,
): Promise<{ staging: number; blobs: number }> {
  const staging = await deps.files.sweepStaging(graceMs);
  const referenced = await listAllReferencedStorageKeys(deps.db.kysely);
  let blobs = 0;
  for await (const file of deps.files.list()) {
    const age = deps.now().getTime() - file.modifiedAt.getTime();
    if (!referenced.has(file.key) && age > graceMs) {
      await deps.files.remove(file.key);
      blobs++;
    }
  }
  return { staging, blobs };
}
