import path from 'node:path';
import type { Readable } from 'node:stream';
import { renameDurably, sha256Stream } from '../files/durable-fs.js';
import type { FileStore, StagedFile } from '../files/file-store.js';
import { LocalFileStore } from '../files/local-file-store.js';
import { BLOB_STAGING_DIR, blobsDirOf } from './layout.js';

/**
 * The backup blob store has the same shape as the live file store (`<2 hex>/<sha256>`, written
 * temp → fsync → rename → fsync dir), so it is one: a LocalFileStore rooted in `backups/blobs`.
 */
export function openBlobStore(backupsDir: string): LocalFileStore {
  return new LocalFileStore(blobsDirOf(backupsDir), path.join(backupsDir, BLOB_STAGING_DIR));
}

export type CopyOutcome = { status: 'copied'; bytes: number } | { status: 'missing' } | { status: 'mismatch' };

/**
 * Copies `source` into `target` under `key`, hashing while copying. Bytes whose hash is not
 * `key` are never committed: a damaged source must not become a damaged copy.
 */
export async function copyVerified(target: FileStore, key: string, source: Readable): Promise<CopyOutcome> {
  const staged = await stageVerified(target, key, source);
  if (staged === 'missing' || staged === 'mismatch') return { status: staged };
  await target.commit(staged);
  return { status: 'copied', bytes: staged.sizeBytes };
}

/** Stages `source` in `target` and keeps it only if its hash is `key`; commits nothing. */
async function stageVerified(
  target: FileStore,
  key: string,
  source: Readable,
): Promise<StagedFile | 'missing' | 'mismatch'> {
  let staged: StagedFile;
  // A missing source fails while `stage` is still preparing, before it listens; without this
  // listener that error would crash the process. Reading still reports it, as ENOENT below.
  source.on('error', () => {});
  try {
    staged = await target.stage(source, { maxBytes: Number.MAX_SAFE_INTEGER });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  if (staged.sha256 !== key) {
    await target.discard(staged);
    return 'mismatch';
  }
  return staged;
}

/**
 * Whether `store` holds `key` with the right content. Rehashes the bytes: a size or presence
 * check would call a bit-flipped file good.
 */
export async function checkStoredFile(store: FileStore, key: string): Promise<'ok' | 'missing' | 'damaged'> {
  if (!(await store.has(key))) return 'missing';
  try {
    return (await sha256Stream(store.read(key))) === key ? 'ok' : 'damaged';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

/**
 * What `prepareStoredFile` found: the target already holds a correct copy, or a correct copy is
 * staged (over nothing, or to replace a damaged one), or the source is missing or wrong.
 */
export type PreparedFile =
  | { state: 'present' | 'missing' | 'mismatch' }
  | { state: 'staged'; staged: StagedFile; replacesDamaged: boolean };

/**
 * Makes `target` hold a correct copy of `key` taken from `source`: keeps a correct copy, replaces
 * a damaged one. The good copy is staged and checked first and then renamed over the damaged one,
 * so a damaged copy is never removed unless a good one takes its place: it may be the last copy
 * of those bytes anywhere, and a damaged file still holds most of a photo.
 */
export async function ensureStoredFile(
  target: FileStore,
  key: string,
  source: () => Readable,
): Promise<'present' | 'copied' | 'repaired' | 'missing' | 'mismatch'> {
  return commitPreparedFile(target, key, await prepareStoredFile(target, key, source));
}

/**
 * The first half of `ensureStoredFile`: checks the target's copy and stages a correct one if it
 * needs one, changing nothing in the store. Restore stages while it is still verifying the backup.
 */
export async function prepareStoredFile(target: FileStore, key: string, source: () => Readable): Promise<PreparedFile> {
  const current = await checkStoredFile(target, key);
  if (current === 'ok') return { state: 'present' };
  const staged = await stageVerified(target, key, source());
  if (staged === 'missing' || staged === 'mismatch') return { state: staged };
  return { state: 'staged', staged, replacesDamaged: current === 'damaged' };
}

/** The second half of `ensureStoredFile`: puts a staged copy in place. */
export async function commitPreparedFile(
  target: FileStore,
  key: string,
  prepared: PreparedFile,
): Promise<'present' | 'copied' | 'repaired' | 'missing' | 'mismatch'> {
  if (prepared.state !== 'staged') return prepared.state;
  const { staged } = prepared;
  if (!prepared.replacesDamaged) {
    await target.commit(staged);
    return 'copied';
  }
  if (target.kind === 'local') await renameDurably(staged.stagingPath, target.pathOf(key));
  else {
    // An object store has no rename over an object; the good bytes are safe in staging meanwhile.
    await target.remove(key);
    await target.commit(staged);
  }
  return 'repaired';
}
