/**
 * What only the object store has to prove: it trusts the service's confirmation of the bytes,
 * not its own intentions, and a bad configuration fails at start with a readable reason.
 */
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openS3FileStore, type S3FileStore } from '../../src/files/s3-file-store.js';
import { MIN_PART_BYTES } from '../../src/files/s3-upload.js';
import { makeTempDir } from '../support/engines.js';
import { type FaultyProxy, startFaultyProxy } from '../support/faulty-proxy.js';
import { createTestBucket, describeWithS3, S3_TEST_CREDENTIALS } from '../support/s3-server.js';

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describeWithS3('S3 file store against a misbehaving service', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let proxy: FaultyProxy;
  let store: S3FileStore;

  beforeEach(async () => {
    temp = await makeTempDir('byov-s3-');
    const { settings } = await createTestBucket();
    proxy = await startFaultyProxy(settings.endpoint ?? '');
    store = await openS3FileStore({ ...settings, endpoint: proxy.endpoint }, path.join(temp.dir, 'staging'), {
      partBytes: MIN_PART_BYTES,
      credentials: S3_TEST_CREDENTIALS,
    });
  });
  afterEach(async () => {
    store.close();
    await proxy.stop();
    await temp.remove();
  });

  async function keys(): Promise<string[]> {
    const found: string[] = [];
    for await (const file of store.list()) found.push(file.key);
    return found;
  }

  for (const size of [4096, MIN_PART_BYTES + 1000]) {
    it(`refuses to commit when the service stored other bytes than were sent (${size} bytes)`, async () => {
      const data = randomBytes(size);
      const staged = await store.stage(Readable.from([data]), { maxBytes: size });
      proxy.faults.corruptPuts = true;
      await expect(store.commit(staged)).rejects.toMatchObject({ name: 'ChecksumMismatchError' });
      expect(await keys()).toEqual([]);

      // The staged file is still there for the caller to discard, and a later commit succeeds.
      proxy.faults.corruptPuts = false;
      expect(await store.commit(staged)).toBe(sha(data));
      expect(await keys()).toEqual([sha(data)]);
    });
  }

  it('rides out a few failing requests (the SDK retries) and stores the bytes once', async () => {
    const data = randomBytes(2048);
    const staged = await store.stage(Readable.from([data]), { maxBytes: data.length });
    proxy.faults.failRequests = 2;
    expect(await store.commit(staged)).toBe(sha(data));
    expect(proxy.faults.failRequests).toBe(0);
    expect(await keys()).toEqual([sha(data)]);
  });

  it('fails at start, naming the bucket, when the bucket does not exist', async () => {
    const { settings } = await createTestBucket();
    await expect(
      openS3FileStore({ ...settings, bucket: 'byov-no-such-bucket' }, path.join(temp.dir, 'staging'), {
        credentials: S3_TEST_CREDENTIALS,
      }),
    ).rejects.toThrow(/byov-no-such-bucket.*does not exist/);
  });
});
