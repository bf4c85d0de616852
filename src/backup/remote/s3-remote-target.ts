import { PassThrough, type Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../../config.js';
import { createS3Client } from '../../files/s3-file-store.js';
import { uploadStagedFile } from '../../files/s3-upload.js';
import type { OutgoingFile, RemoteObject, RemoteTarget } from './remote-target.js';

const PART_BYTES = 16 * 1024 * 1024;

/**
 * A remote in an S3-compatible bucket (`s3://bucket/prefix`). Uploads reuse the file store's
 * checked upload (Content-MD5 and SHA-256 sent, the service's answer compared), multipart when
 * large; S3 itself never lists an object before its upload completed. Every request has a
 * timeout, so a stalled connection fails (and is retried) instead of hanging the copy.
 */
export class S3RemoteTarget implements RemoteTarget {
  private readonly client: S3Client;

  constructor(
    private readonly settings: S3Settings,
    credentials: { accessKeyId: string; secretAccessKey: string } | undefined,
    timeoutMs: number,
    readonly description: string,
  ) {
    this.client = createS3Client(settings, credentials, { requestTimeoutMs: timeoutMs });
  }

  async list(folder: string): Promise<RemoteObject[]> {
    const objects: RemoteObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.settings.bucket,
          Prefix: `${this.settings.prefix}${folder}`,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) {
        objects.push({
          name: (object.Key ?? '').slice(this.settings.prefix.length),
          bytes: object.Size ?? 0,
          modifiedAt: object.LastModified ?? new Date(0),
        });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return objects;
  }

  async put(name: string, file: OutgoingFile): Promise<void> {
    await uploadStagedFile(
      { client: this.client, bucket: this.settings.bucket, objectKey: this.keyOf(name), partBytes: PART_BYTES },
      { stagingPath: file.path, sha256: file.sha256, sizeBytes: file.bytes, head: Buffer.alloc(0) },
    );
  }

  read(name: string): Readable {
    const out = new PassThrough();
    this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(name) })).then(
      (response) => {
        const body = response.Body as Readable;
        body.on('error', (error) => out.destroy(error));
        out.on('close', () => body.destroy());
        body.pipe(out);
      },
      (error: unknown) => {
        const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        const missing = e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
        out.destroy(
          missing
            ? Object.assign(new Error(`The remote holds no object ${name}.`), { code: 'ENOENT' })
            : (error as Error),
        );
      },
    );
    return out;
  }

  async remove(name: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(name) }));
  }

  close(): void {
    this.client.destroy();
  }

  private keyOf(name: string): string {
    return `${this.settings.prefix}${name}`;
  }
}
