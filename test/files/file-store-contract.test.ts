/**
 * One contract, two stores: local disk and S3-compatible object storage (a real s3rver on
 * 127.0.0.1). Everything the product relies on from a FileStore is asserted here for both.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileStore } from '../../src/files/file-store.js';
import { LocalFileStore } from '../../src/files/local-file-store.js';
import { openS3FileStore, type S3FileStore } from '../../src/files/s3-file-store.js';
import { MIN_PART_BYTES } from '../../src/files/s3-upload.js';
import { makeTempDir } from '../support/engines.js';
import { createTestBucket, isS3Available, S3_TEST_CREDENTIALS } from '../support/s3-server.js';

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function put(store: FileStore, data: Buffer): Promise<string> {
  return store.commit(await store.stage(Readable.from([data]), { maxBytes: data.length }));
}

async function listKeys(store: FileStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const file of store.list()) keys.push(file.key);
  return keys.sort();
}

interface StoreCase {
  name: 'local' | 's3';
  available: () => boolean;
  open(dir: string): Promise<FileStore>;
  /** Places a foreign object where the store lists, to check `list` ignores what is not a blob. */
  putForeign(store: FileStore, dir: string): Promise<void>;
}

const CASES: StoreCase[] = [
  {
    name: 'local',
    available: () => true,
    open: async (dir) => new LocalFileStore(path.join(dir, 'files'), path.join(dir, 'staging')),
    putForeign: async (_store, dir) => writeFile(path.join(dir, 'files', 'notes.txt'), 'not a blob'),
  },
  {
    name: 's3',
    available: isS3Available,
    open: async (dir) => {
      const { settings } = await createTestBucket('byov/files/');
      return openS3FileStore(settings, path.join(dir, 'staging'), {
        partBytes: MIN_PART_BYTES,
        credentials: S3_TEST_CREDENTIALS,
      });
    },
    putForeign: async (store) => {
      const s3 = store as S3FileStore;
      await s3.client.send(
        new PutObjectCommand({ Bucket: s3.settings.bucket, Key: `${s3.settings.prefix}ab/readme.txt`, Body: 'x' }),
      );
    },
  },
];

for (const storeCase of CASES) {
  describe.skipIf(!storeCase.available())(`FileStore contract [${storeCase.name}]`, () => {
    let temp: Awaited<ReturnType<typeof makeTempDir>>;
    let store: FileStore;

    beforeEach(async () => {
      temp = await makeTempDir('byov-store-');
      store = await storeCase.open(temp.dir);
    });
    afterEach(async () => {
      store.close?.();
      await temp.remove();
    });

    it('stores bytes under their SHA-256 and gives them back whole, by range and with their size', async () => {
      const data = randomBytes(300_000);
      const key = await put(store, data);
      expect(key).toBe(sha(data));
      expect(store.kind).toBe(storeCase.name);
      expect(await store.has(key)).toBe(true);
      expect((await readAll(store.read(key))).equals(data)).toBe(true);
      expect((await readAll(store.read(key, { start: 1000, end: 1999 }))).equals(data.subarray(1000, 2000))).toBe(true);
      expect(await store.stat(key)).toMatchObject({ key, sizeBytes: data.length });
      expect(await readdir(path.join(temp.dir, 'staging'))).toEqual([]);
    });

    it('keeps identical content once, lists only blobs, and removes them', async () => {
      const data = randomBytes(2000);
      const other = randomBytes(10);
      expect(await put(store, data)).toBe(await put(store, Buffer.from(data)));
      await put(store, other);
      await storeCase.putForeign(store, temp.dir);
      expect(await listKeys(store)).toEqual([sha(data), sha(other)].sort());
      await store.remove(sha(data));
      await store.remove(sha(data)); // removing twice is harmless
      expect(await store.has(sha(data))).toBe(false);
      expect(await store.stat(sha(data))).toBeUndefined();
      expect(await listKeys(store)).toEqual([sha(other)]);
    });

    it('stores an empty file', async () => {
      const key = await put(store, Buffer.alloc(0));
      expect((await readAll(store.read(key))).length).toBe(0);
    });

    it('round-trips a file larger than one upload part (multipart in object storage)', async () => {
      const data = randomBytes(2 * MIN_PART_BYTES + 12_345);
      const key = await store.commit(
        await store.stage(Readable.from(chunksOf(data, 64 * 1024)), { maxBytes: data.length }),
      );
      expect(key).toBe(sha(data));
      expect(sha(await readAll(store.read(key)))).toBe(key);
      expect((await store.stat(key))?.sizeBytes).toBe(data.length);
      const tail = await readAll(store.read(key, { start: data.length - 100, end: data.length - 1 }));
      expect(tail.equals(data.subarray(data.length - 100))).toBe(true);
    });

    it('stores every byte in order however the upload is cut into pieces', async () => {
      // Tiny pieces and large ones, so that writes are gathered both by count and by size.
      const data = randomBytes(3_000_000);
      const sizes = [1, 13, 4096, 65_536, 700_000, 3, 200];
      const pieces: Buffer[] = [];
      for (let at = 0, i = 0; at < data.length; i++) {
        const size = sizes[i % sizes.length] as number;
        pieces.push(data.subarray(at, at + size));
        at += size;
      }
      const staged = await store.stage(Readable.from(pieces), { maxBytes: data.length });
      expect(staged.head.equals(data.subarray(0, staged.head.length))).toBe(true);
      const key = await store.commit(staged);
      expect(key).toBe(sha(data));
      expect((await readAll(store.read(key))).equals(data)).toBe(true);
    });

    it('refuses a file over the limit and leaves neither a staged file nor a blob', async () => {
      const data = randomBytes(5000);
      await expect(store.stage(Readable.from(chunksOf(data, 1000)), { maxBytes: 4000 })).rejects.toMatchObject({
        code: 'FILE_TOO_LARGE',
      });
      expect(await readdir(path.join(temp.dir, 'staging'))).toEqual([]);
      expect(await listKeys(store)).toEqual([]);
    });

    it('discards a staged file without storing it', async () => {
      const staged = await store.stage(Readable.from([randomBytes(100)]), { maxBytes: 100 });
      await store.discard(staged);
      await store.discard(staged);
      expect(await readdir(path.join(temp.dir, 'staging'))).toEqual([]);
      expect(await store.has(staged.sha256)).toBe(false);
    });

    it('fails reading a missing file with ENOENT', async () => {
      const missing = sha(Buffer.from('never stored'));
      await expect(readAll(store.read(missing))).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('renews the time of a blob committed again, so the orphan sweep grace restarts', async () => {
      const data = randomBytes(1000);
      const key = await put(store, data);
      const first = (await store.stat(key))?.modifiedAt.getTime() ?? 0;
      await new Promise((resolve) => setTimeout(resolve, 1100)); // object stores keep whole seconds
      await put(store, data);
      expect((await store.stat(key))?.modifiedAt.getTime()).toBeGreaterThan(first);
      expect(sha(await readAll(store.read(key)))).toBe(key);
    });

    it('sweeps staging leftovers older than the grace period', async () => {
      const old = await store.stage(Readable.from([randomBytes(10)]), { maxBytes: 10 });
      const fresh = await store.stage(Readable.from([randomBytes(11)]), { maxBytes: 11 });
      const longAgo = new Date(Date.now() - 3 * 3600_000);
      await utimes(old.stagingPath, longAgo, longAgo);
      expect(await store.sweepStaging(3600_000)).toBe(1);
      expect(await readdir(path.join(temp.dir, 'staging'))).toEqual([path.basename(fresh.stagingPath)]);
    });
  });
}

function chunksOf(data: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
  return chunks;
}
