import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../errors.js';
import { fsyncDir, READ_CHUNK_BYTES } from './durable-fs.js';
import {
  type ByteRange,
  FILE_KEY_PATTERN,
  type FileStore,
  type StagedFile,
  type StoredFileInfo,
} from './file-store.js';
import { DIRECTORY_SYNC_CONCURRENCY, forEachConcurrently } from './for-each-concurrently.js';
import { readdirOrEmpty, stageToDisk, sweepStagingDir } from './staging.js';

export { formatMegabytes } from './staging.js';

/**
 * Content-addressed files on local disk: `<root>/<first two hex>/<sha256>`. Staging lives in a
 * sibling folder on the same file system so that committing is a rename, never a copy.
 */
export class LocalFileStore implements FileStore {
  readonly kind = 'local';

  constructor(
    private readonly root: string,
    private readonly stagingDir: string,
    /** Where directory fsyncs go: done at once, or collected by a bulk copy (see `withDeferredDirSyncs`). */
    private readonly syncDir: (dir: string) => Promise<void> = fsyncDir,
  ) {}

  /**
   * The same store for a bulk copy or one submission's files: each file is still fsynced before
   * its rename, but the directories are fsynced once each by `flush`, not three times per file.
   * Nothing may count on the copied files until `flush` has returned.
   */
  withDeferredDirSyncs(): { store: LocalFileStore; flush: () => Promise<void> } {
    const dirs = new Set<string>();
    const store = new LocalFileStore(this.root, this.stagingDir, async (dir) => {
      dirs.add(dir);
    });
    const flush = async () => {
      const pending = [...dirs];
      dirs.clear();
      await forEachConcurrently(pending, DIRECTORY_SYNC_CONCURRENCY, this.syncDir);
    };
    return { store, flush };
  }

  stage(source: Readable, options: { maxBytes: number }): Promise<StagedFile> {
    return stageToDisk(source, this.stagingDir, options);
  }

  async commit(staged: StagedFile): Promise<string> {
    const key = staged.sha256;
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    if (await exists(target)) {
      // Same bytes are already stored. Refresh the time so the orphan sweep's grace period
      // starts again for a blob that is about to be referenced by a new row.
      const now = new Date();
      await utimes(target, now, now);
      await rm(staged.stagingPath, { force: true });
      return key;
    }
    await rename(staged.stagingPath, target);
    // The new name, the staging folder it left, and the prefix folder, which may be new.
    await this.syncDir(path.dirname(target));
    await this.syncDir(path.dirname(staged.stagingPath));
    await this.syncDir(this.root);
    return key;
  }

  async discard(staged: StagedFile): Promise<void> {
    await rm(staged.stagingPath, { force: true });
  }

  async has(key: string): Promise<boolean> {
    return exists(this.pathOf(key));
  }

  async stat(key: string): Promise<StoredFileInfo | undefined> {
    const info = await stat(this.pathOf(key)).catch(() => undefined);
    return info?.isFile() ? { key, sizeBytes: info.size, modifiedAt: info.mtime } : undefined;
  }

  read(key: string, range?: ByteRange): Readable {
    const chunk = { highWaterMark: READ_CHUNK_BYTES };
    return createReadStream(this.pathOf(key), range ? { ...chunk, start: range.start, end: range.end } : chunk);
  }

  pathOf(key: string): string {
    if (!FILE_KEY_PATTERN.test(key)) throw new AppError('INTERNAL', 'Invalid file key.');
    return path.join(this.root, key.slice(0, 2), key);
  }

  async *list(): AsyncIterable<StoredFileInfo> {
    for (const prefix of await readdirOrEmpty(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      for (const name of await readdirOrEmpty(path.join(this.root, prefix))) {
        if (!FILE_KEY_PATTERN.test(name) || name.slice(0, 2) !== prefix) continue;
        const info = await stat(path.join(this.root, prefix, name));
        yield { key: name, sizeBytes: info.size, modifiedAt: info.mtime };
      }
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  sweepStaging(olderThanMs: number): Promise<number> {
    return sweepStagingDir(this.stagingDir, olderThanMs);
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** `withDeferredDirSyncs` for any store; an object store has no directories to sync. */
export function deferDirectorySyncs(store: FileStore): { store: FileStore; flush: () => Promise<void> } {
  return store instanceof LocalFileStore ? store.withDeferredDirSyncs() : { store, flush: async () => {} };
}
