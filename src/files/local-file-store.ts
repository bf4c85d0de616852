import { createReadStream } from 'node:fs';
import { mkdir, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../errors.js';
import { fsyncDir, renameDurably } from './durable-fs.js';
import {
  type ByteRange,
  FILE_KEY_PATTERN,
  type FileStore,
  type StagedFile,
  type StoredFileInfo,
} from './file-store.js';
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
  ) {}

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
    await renameDurably(staged.stagingPath, target);
    await fsyncDir(this.root);
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
    return createReadStream(this.pathOf(key), range ? { start: range.start, end: range.end } : {});
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
