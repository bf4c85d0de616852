import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * The few file-system steps every durable write in the product is made of: write to a temporary
 * name, fsync the file, rename it into place, fsync the directory. After `fsyncDir` returns the
 * new name survives a power cut; before it, either the old state or nothing is visible.
 */
export async function fsyncPath(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export const fsyncDir = fsyncPath;

/** Writes `data` to `target` atomically and durably. */
export async function writeFileDurably(target: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.tmp-${path.basename(target)}-${randomUUID()}`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, target);
  await fsyncDir(dir);
}

/** Renames and makes the rename durable by syncing both directories. */
export async function renameDurably(from: string, to: string): Promise<void> {
  await rename(from, to);
  await fsyncDir(path.dirname(to));
  if (path.dirname(from) !== path.dirname(to)) await fsyncDir(path.dirname(from));
}

/**
 * Reads for copying and hashing: 1 MiB takes a sixteenth of the default's trips, and hashing a
 * gigabyte snapshot in 64 KiB chunks took half as long again.
 */
export const READ_CHUNK_BYTES = 1024 * 1024;

export async function sha256File(file: string): Promise<string> {
  return sha256Stream(createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }));
}

export async function sha256Stream(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The most `copyFileHashing`'s `rewriteHead` is given: an SQLite header's size. */
const HEAD_BYTES = 100;

export interface CopyFileHashingOptions {
  /** Copy and hash only the first `bytes` bytes of `from`. */
  bytes?: number;
  /** Changes the file's first bytes (up to 100) in place, in the copy and in what is hashed. */
  rewriteHead?: (head: Buffer) => void;
}

/**
 * Copies `from` to `to` (fsynced) and returns the SHA-256 of the copy. The kernel copies
 * (copy_file_range: nothing passes through this process) while this process hashes `from` from
 * the page cache: on two cores the pair costs about what either costs alone, a third of one
 * stream that hashes what it writes. So `from` must not change meanwhile.
 */
export async function copyFileHashing(from: string, to: string, options: CopyFileHashingOptions = {}): Promise<string> {
  const [, sha256] = await Promise.all([copyFileDurably(from, to, options), hashHead(from, options)]);
  return sha256;
}

async function copyFileDurably(from: string, to: string, { bytes, rewriteHead }: CopyFileHashingOptions) {
  await copyFile(from, to);
  const copy = await open(to, 'r+');
  try {
    if (bytes !== undefined && (await copy.stat()).size > bytes) await copy.truncate(bytes);
    if (rewriteHead) {
      const head = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await copy.read(head, 0, HEAD_BYTES, 0);
      const before = Buffer.from(head.subarray(0, bytesRead));
      rewriteHead(head.subarray(0, bytesRead));
      if (!before.equals(head.subarray(0, bytesRead))) await copy.write(head, 0, bytesRead, 0);
    }
    await copy.sync();
  } finally {
    await copy.close();
  }
}

async function hashHead(file: string, { bytes, rewriteHead }: CopyFileHashingOptions): Promise<string> {
  const end = bytes === undefined ? undefined : bytes - 1;
  const hash = createHash('sha256');
  let first = true;
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK_BYTES, end })) {
    const part = chunk as Buffer;
    if (first) rewriteHead?.(part.subarray(0, HEAD_BYTES));
    first = false;
    hash.update(part);
  }
  return hash.digest('hex');
}
