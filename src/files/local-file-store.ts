import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../errors.js';
import { fsyncDir, renameDurably } from './durable-fs.js';
import type { FileStore, StagedFile, StoredFileInfo } from './file-store.js';
import { SNIFF_BYTES } from './sniff-content-type.js';

const KEY_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Content-addressed files on local disk: `<root>/<first two hex>/<sha256>`. Staging lives in a
 * sibling folder on the same file system so that committing is a rename, never a copy.
 */
export class LocalFileStore implements FileStore {
  constructor(
    private readonly root: string,
    private readonly stagingDir: string,
  ) {}

  async stage(source: Readable, options: { maxBytes: number }): Promise<StagedFile> {
    await mkdir(this.stagingDir, { recursive: true });
    const stagingPath = path.join(this.stagingDir, `${randomUUID()}.part`);
    const handle = await open(stagingPath, 'wx');
    const hash = createHash('sha256');
    const headChunks: Buffer[] = [];
    let headLength = 0;
    let sizeBytes = 0;
    try {
      for await (const chunk of source) {
        const buffer = chunk as Buffer;
        sizeBytes += buffer.length;
        if (sizeBytes > options.maxBytes) {
          throw new AppError('FILE_TOO_LARGE', `Each file may be at most ${formatMegabytes(options.maxBytes)}.`);
        }
        if (headLength < SNIFF_BYTES) {
          headChunks.push(buffer.subarray(0, SNIFF_BYTES - headLength));
          headLength += Math.min(buffer.length, SNIFF_BYTES - headLength);
        }
        hash.update(buffer);
        await handle.write(buffer);
      }
      await handle.sync();
    } catch (error) {
      source.resume();
      await handle.close();
      await rm(stagingPath, { force: true });
      throw error;
    }
    await handle.close();
    return { stagingPath, sha256: hash.digest('hex'), sizeBytes, head: Buffer.concat(headChunks) };
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

  read(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new AppError('INTERNAL', 'Invalid file key.');
    return path.join(this.root, key.slice(0, 2), key);
  }

  async *list(): AsyncIterable<StoredFileInfo> {
    for (const prefix of await readdirOrEmpty(this.root)) {
      for (const name of await readdirOrEmpty(path.join(this.root, prefix))) {
        if (!KEY_PATTERN.test(name) || name.slice(0, 2) !== prefix) continue;
        const info = await stat(path.join(this.root, prefix, name));
        yield { key: name, sizeBytes: info.size, modifiedAt: info.mtime };
      }
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async sweepStaging(olderThanMs: number): Promise<number> {
    let removed = 0;
    for (const name of await readdirOrEmpty(this.stagingDir)) {
      const file = path.join(this.stagingDir, name);
      const info = await stat(file).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > olderThanMs) {
        await rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

export function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
