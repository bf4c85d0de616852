import { rm } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import type { S3Settings } from '../config.js';
import { AppError } from '../errors.js';
import {
  type ByteRange,
  FILE_KEY_PATTERN,
  type FileStore,
  type StagedFile,
  type StoredFileInfo,
} from './file-store.js';
import { ChecksumMismatchError, uploadStagedFile } from './s3-upload.js';
import { stageToDisk, sweepStagingDir } from './staging.js';

export type { S3Settings };

export interface S3StoreOptions {
  /** Files above this go up in parts of this size (S3's minimum part is 5 MiB). */
  readonly partBytes?: number;
  /** Explicit credentials; without, the standard AWS chain (environment, profile, instance role). */
  readonly credentials?: { accessKeyId: string; secretAccessKey: string };
}

const DEFAULT_PART_BYTES = 8 * 1024 * 1024;

export function createS3Client(
  settings: S3Settings,
  credentials?: S3StoreOptions['credentials'],
  options: { requestTimeoutMs?: number } = {},
): S3Client {
  return new S3Client({
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    ...(options.requestTimeoutMs
      ? {
          requestHandler: {
            requestTimeout: options.requestTimeoutMs,
            connectionTimeout: options.requestTimeoutMs,
            throwOnRequestTimeout: true,
          },
        }
      : {}),
    // We send our own Content-MD5 and SHA-256 headers. The SDK's default (streaming aws-chunked
    // checksums) is stored verbatim, framing included, by several S3-compatible servers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Opens the object store and checks that the bucket answers, so bad settings fail at start. */
export async function openS3FileStore(
  settings: S3Settings,
  stagingDir: string,
  options: S3StoreOptions = {},
): Promise<S3FileStore> {
  const client = createS3Client(settings, options.credentials);
  try {
    await client.send(new HeadBucketCommand({ Bucket: settings.bucket }));
  } catch (error) {
    client.destroy();
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const reason = status === 404 ? 'it does not exist' : status === 403 ? 'access was denied' : describe(error);
    throw new AppError('INTERNAL', `Cannot use S3 bucket "${settings.bucket}": ${reason}.`, { cause: error });
  }
  return new S3FileStore(client, settings, stagingDir, options.partBytes ?? DEFAULT_PART_BYTES);
}

/**
 * Content-addressed files in an S3-compatible bucket: `<S3_PREFIX><first two hex>/<sha256>`.
 * Uploads are staged on local disk first (the key is the hash, known only at the end) and then
 * streamed up, in parts when large; `commit` returns once the service confirmed the checksum.
 */
export class S3FileStore implements FileStore {
  readonly kind = 's3';

  constructor(
    readonly client: S3Client,
    readonly settings: S3Settings,
    private readonly stagingDir: string,
    private readonly partBytes: number,
  ) {}

  stage(source: Readable, options: { maxBytes: number }): Promise<StagedFile> {
    return stageToDisk(source, this.stagingDir, options);
  }

  async commit(staged: StagedFile): Promise<string> {
    const key = staged.sha256;
    const objectKey = this.objectKeyOf(key);
    const existing = await this.stat(key);
    if (!existing || existing.sizeBytes !== staged.sizeBytes || !(await this.renew(objectKey, existing))) {
      const target = { client: this.client, bucket: this.settings.bucket, objectKey, partBytes: this.partBytes };
      await uploadStagedFile(target, staged).catch(async (error: unknown) => {
        // The service holds bytes other than the ones sent, under a name that promises them.
        if (error instanceof ChecksumMismatchError) await this.remove(key);
        throw error;
      });
    }
    await rm(staged.stagingPath, { force: true });
    return key;
  }

  /**
   * Same bytes already stored. Copying the object onto itself renews its time, so the orphan
   * sweep's grace period starts again for a blob a new row is about to name. Some services keep
   * the old time on such a copy; then the caller uploads the bytes again instead.
   */
  private async renew(objectKey: string, existing: StoredFileInfo): Promise<boolean> {
    await this.client.send(
      new CopyObjectCommand({
        Bucket: this.settings.bucket,
        Key: objectKey,
        CopySource: `${this.settings.bucket}/${objectKey}`,
        MetadataDirective: 'REPLACE',
        ContentType: 'application/octet-stream',
      }),
    );
    const after = await this.stat(existing.key);
    return after !== undefined && after.modifiedAt.getTime() > existing.modifiedAt.getTime();
  }

  async discard(staged: StagedFile): Promise<void> {
    await rm(staged.stagingPath, { force: true });
  }

  async has(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async stat(key: string): Promise<StoredFileInfo | undefined> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKeyOf(key) }),
      );
      return { key, sizeBytes: head.ContentLength ?? 0, modifiedAt: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  read(key: string, range?: ByteRange): Readable {
    const out = new PassThrough();
    const request = new GetObjectCommand({
      Bucket: this.settings.bucket,
      Key: this.objectKeyOf(key),
      ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
    });
    this.client.send(request).then(
      (response) => {
        const body = response.Body as Readable;
        body.on('error', (error) => out.destroy(error));
        out.on('close', () => body.destroy());
        body.pipe(out);
      },
      (error: unknown) => out.destroy(isNotFound(error) ? missing(key, error) : (error as Error)),
    );
    return out;
  }

  pathOf(_key: string): string {
    throw new AppError('INTERNAL', 'Files in object storage have no local path.');
  }

  async *list(): AsyncIterable<StoredFileInfo> {
    const pattern = /^([0-9a-f]{2})\/([0-9a-f]{64})$/;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.settings.bucket,
          Prefix: this.settings.prefix,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) {
        const match = pattern.exec((object.Key ?? '').slice(this.settings.prefix.length));
        const key = match?.[2];
        if (!key || key.slice(0, 2) !== match?.[1]) continue;
        yield { key, sizeBytes: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKeyOf(key) }));
  }

  /** Local staging leftovers, and multipart uploads a crashed process never completed nor aborted. */
  async sweepStaging(olderThanMs: number): Promise<number> {
    let removed = await sweepStagingDir(this.stagingDir, olderThanMs);
    const uploads = await this.client
      .send(new ListMultipartUploadsCommand({ Bucket: this.settings.bucket, Prefix: this.settings.prefix }))
      .catch((error: { name?: string }) => {
        // Some S3-compatible servers cannot list uploads; their lifecycle rules are the only cleaner.
        if (error.name === 'NotImplemented') return { Uploads: [] };
        throw error;
      });
    for (const upload of uploads.Uploads ?? []) {
      const started = upload.Initiated?.getTime() ?? Date.now();
      if (!upload.Key || !upload.UploadId || Date.now() - started <= olderThanMs) continue;
      await this.client.send(
        new AbortMultipartUploadCommand({ Bucket: this.settings.bucket, Key: upload.Key, UploadId: upload.UploadId }),
      );
      removed++;
    }
    return removed;
  }

  objectKeyOf(key: string): string {
    if (!FILE_KEY_PATTERN.test(key)) throw new AppError('INTERNAL', 'Invalid file key.');
    return `${this.settings.prefix}${key.slice(0, 2)}/${key}`;
  }

  close(): void {
    this.client.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

/** Callers tell a missing file from a broken store by ENOENT, as with files on disk. */
function missing(key: string, cause: unknown): Error {
  return Object.assign(new Error(`Object storage holds no file ${key.slice(0, 12)}…`, { cause }), { code: 'ENOENT' });
}

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string; code?: string };
  return e.code ?? e.name ?? e.message ?? 'unknown error';
}
