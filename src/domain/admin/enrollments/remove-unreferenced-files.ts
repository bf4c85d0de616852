import type { FileStore } from '../../../files/file-store.js';
import type { Db } from '../../../storage/db.js';
import { findReferencedStorageKeys } from '../../../storage/repositories/enrollment-admin.repository.js';

/**
 * A file written or re-committed this recently may belong to a submission whose rows are about
 * to commit (committing an existing file refreshes its time); it is left to the hourly orphan
 * sweep, which removes it later if nothing names it by then.
 */
const RECENTLY_WRITTEN_MS = 5 * 60_000;

/**
 * After rows were removed, deletes the files they named that no document or draft file still
 * names. A file another row shares (identical content is stored once) is never deleted.
 */
export async function removeUnreferencedFiles(
  deps: { db: Db; files: FileStore; now: () => Date },
  keys: readonly string[],
): Promise<{ removed: number; deferred: number }> {
  const candidates = [...new Set(keys)];
  const referenced = await findReferencedStorageKeys(deps.db.kysely, candidates);
  let removed = 0;
  let deferred = 0;
  for (const key of candidates.filter((k) => !referenced.has(k))) {
    const info = await deps.files.stat(key);
    if (!info) continue;
    if (deps.now().getTime() - info.modifiedAt.getTime() < RECENTLY_WRITTEN_MS) {
      deferred++;
      continue;
    }
    await deps.files.remove(key);
    removed++;
  }
  return { removed, deferred };
}
