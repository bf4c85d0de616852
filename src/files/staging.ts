import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../errors.js';
import type { StagedFile } from './file-store.js';
import { SNIFF_BYTES } from './sniff-content-type.js';

/**
 * Bytes gathered before one write. An upload arrives in pieces of 16–64 KB; one write each put
 * about fifty trips through libuv's thread pool into every submission, each a thread wake-up.
 * The count bound keeps a client that sends tiny pieces from piling up objects instead.
 */
const WRITE_BATCH_BYTES = 512 * 1024;
const WRITE_BATCH_PIECES = 64;

/**
 * Streams `source` into a new file in `stagingDir`, hashing as it goes, and syncs it. Every store
 * stages on local disk: the hash (the key) is known only at the end, and a file over the limit
 * must be refused before anything reaches the store.
 */
export async function stageToDisk(
  source: Readable,
  stagingDir: string,
  options: { maxBytes: number },
): Promise<StagedFile> {
  await mkdir(stagingDir, { recursive: true });
  const stagingPath = path.join(stagingDir, `${randomUUID()}.part`);
  const handle = await open(stagingPath, 'wx');
  const hash = createHash('sha256');
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let sizeBytes = 0;
  let unwritten: Buffer[] = [];
  let unwrittenBytes = 0;
  const writeOut = async () => {
    await handle.writev(unwritten);
    unwritten = [];
    unwrittenBytes = 0;
  };
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
      unwritten.push(buffer);
      unwrittenBytes += buffer.length;
      if (unwrittenBytes >= WRITE_BATCH_BYTES || unwritten.length >= WRITE_BATCH_PIECES) await writeOut();
    }
    if (unwrittenBytes > 0) await writeOut();
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

/** Deletes files in `stagingDir` older than `olderThanMs`; returns how many. */
export async function sweepStagingDir(stagingDir: string, olderThanMs: number): Promise<number> {
  let removed = 0;
  for (const name of await readdirOrEmpty(stagingDir)) {
    const file = path.join(stagingDir, name);
    const info = await stat(file).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > olderThanMs) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

export async function readdirOrEmpty(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

export function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
