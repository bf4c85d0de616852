/**
 * A real S3-compatible server for tests: `s3rver` (pure JavaScript, an npm devDependency) on
 * 127.0.0.1, storing into a temporary folder. The global setup starts one per run; test files
 * reach it through `inject('s3Endpoint')` and create a bucket of their own with `createTestBucket`.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, inject } from 'vitest';
import type { FileStore } from '../../src/files/file-store.js';
import { createS3Client, S3FileStore, type S3Settings } from '../../src/files/s3-file-store.js';

/** s3rver's one account. */
export const S3_TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3Server {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startS3Server(directory: string): Promise<S3Server> {
  // @ts-expect-error s3rver ships no type declarations; the one call used is typed below.
  const { default: S3rver } = (await import('s3rver')) as unknown as {
    default: new (options: object) => { run(): Promise<{ address: string; port: number }>; close(): Promise<void> };
  };
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
  const { port } = await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}

export function isS3Available(): boolean {
  return inject('s3Endpoint') !== null;
}

/** `describe` that is skipped (loudly, by the global setup) when no S3 server runs. */
export function describeWithS3(title: string, body: () => void): void {
  describe.skipIf(!isS3Available())(title, body);
}

/** A fresh bucket on the test server, and settings for a store (or FILE_STORE=s3 env) in it. */
export async function createTestBucket(
  prefix = 'files/',
): Promise<{ settings: S3Settings; env: Record<string, string> }> {
  const endpoint = inject('s3Endpoint');
  if (endpoint === null) throw new Error('No S3 server in this test run; guard the suite with describeWithS3()');
  const settings: S3Settings = {
    bucket: `byov-${randomUUID().slice(0, 13)}`,
    prefix,
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
  };
  const client = createS3Client(settings, S3_TEST_CREDENTIALS);
  await client.send(new CreateBucketCommand({ Bucket: settings.bucket }));
  client.destroy();
  // The product reads credentials from the standard AWS chain; in a test worker that is this env.
  process.env.AWS_ACCESS_KEY_ID = S3_TEST_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = S3_TEST_CREDENTIALS.secretAccessKey;
  const env = {
    FILE_STORE: 's3',
    S3_BUCKET: settings.bucket,
    S3_PREFIX: prefix,
    S3_ENDPOINT: endpoint,
    S3_REGION: settings.region,
    S3_FORCE_PATH_STYLE: 'true',
  };
  return { settings, env };
}

export type StoreName = 'local' | 's3';

/** Declares the suite once per file store (`[files: local]`, `[files: s3]`); S3 needs the test server. */
export function describeEachStore(title: string, body: (store: StoreName) => void): void {
  for (const store of ['local', 's3'] as const) {
    describe.skipIf(store === 's3' && !isS3Available())(`${title} [files: ${store}]`, () => body(store));
  }
}

/** Environment that puts the product's files in the given store (a fresh bucket for S3). */
export async function fileStoreEnv(store: StoreName): Promise<Record<string, string>> {
  return store === 's3' ? (await createTestBucket()).env : {};
}

/**
 * Flips one byte of a stored file in place, whichever store holds it (rot on disk or in the
 * bucket). Returns a function that puts the good bytes back, for suites that share fixture files.
 */
export async function damageStoredFile(files: FileStore, key: string, offset = 7): Promise<() => Promise<void>> {
  const chunks: Buffer[] = [];
  for await (const chunk of files.read(key)) chunks.push(chunk as Buffer);
  const good = Buffer.concat(chunks);
  const bad = Buffer.from(good);
  bad[offset] = (bad[offset] ?? 0) ^ 0xff;
  const put = async (bytes: Buffer) => {
    if (files instanceof S3FileStore) {
      await files.client.send(
        new PutObjectCommand({ Bucket: files.settings.bucket, Key: files.objectKeyOf(key), Body: bytes }),
      );
    } else {
      await writeFile(files.pathOf(key), bytes);
    }
  };
  await put(bad);
  return () => put(good);
}
