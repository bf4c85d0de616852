import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { StagedFile } from './file-store.js';

/** S3's smallest allowed part (every part but the last). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

export interface UploadTarget {
  readonly client: S3Client;
  readonly bucket: string;
  readonly objectKey: string;
  readonly partBytes: number;
}

/**
 * Uploads a staged file from disk, streamed, and returns only when the service has confirmed
 * the bytes it stored. Each request carries Content-MD5 and x-amz-checksum-sha256, which AWS
 * checks on receipt; the ETag (the MD5 of what was stored, or of the parts' MD5s) or the
 * returned SHA-256 is then compared here too, because some S3-compatible services check neither
 * header. A mismatch throws, so the row naming the key never commits.
 */
export async function uploadStagedFile(target: UploadTarget, staged: StagedFile): Promise<void> {
  if (staged.sizeBytes <= target.partBytes) await putWhole(target, staged);
  else await putInParts(target, staged);
}

async function putWhole(target: UploadTarget, staged: StagedFile): Promise<void> {
  const sums = await digestRange(staged.stagingPath, 0, staged.sizeBytes);
  assertStagedIntact(staged, sums.sha256);
  const response = await target.client.send(
    new PutObjectCommand({
      Bucket: target.bucket,
      Key: target.objectKey,
      Body: openRange(staged.stagingPath, 0, staged.sizeBytes),
      ContentLength: staged.sizeBytes,
      ContentMD5: sums.md5.toString('base64'),
      ChecksumSHA256: sums.sha256.toString('base64'),
      ContentType: 'application/octet-stream',
    }),
  );
  confirm(target.objectKey, response, { etag: sums.md5.toString('hex'), sha256: sums.sha256.toString('base64') });
}

async function putInParts(target: UploadTarget, staged: StagedFile): Promise<void> {
  const { UploadId } = await target.client.send(
    new CreateMultipartUploadCommand({
      Bucket: target.bucket,
      Key: target.objectKey,
      ContentType: 'application/octet-stream',
      ChecksumAlgorithm: 'SHA256',
    }),
  );
  if (!UploadId) throw new Error('The object store started a multipart upload without an upload id.');
  const parts: { PartNumber: number; ETag: string; ChecksumSHA256: string }[] = [];
  const md5s: Buffer[] = [];
  const sha256s: Buffer[] = [];
  const whole = createHash('sha256');
  const wholeMd5 = createHash('md5');
  try {
    for (let start = 0, partNumber = 1; start < staged.sizeBytes; start += target.partBytes, partNumber++) {
      const length = Math.min(target.partBytes, staged.sizeBytes - start);
      const sums = await digestRange(staged.stagingPath, start, length, [whole, wholeMd5]);
      const response = await target.client.send(
        new UploadPartCommand({
          Bucket: target.bucket,
          Key: target.objectKey,
          UploadId,
          PartNumber: partNumber,
          Body: openRange(staged.stagingPath, start, length),
          ContentLength: length,
          ContentMD5: sums.md5.toString('base64'),
          ChecksumSHA256: sums.sha256.toString('base64'),
        }),
      );
      const checksum = sums.sha256.toString('base64');
      confirm(`${target.objectKey} part ${partNumber}`, response, { etag: sums.md5.toString('hex'), sha256: checksum });
      parts.push({ PartNumber: partNumber, ETag: response.ETag ?? '', ChecksumSHA256: checksum });
      md5s.push(sums.md5);
      sha256s.push(sums.sha256);
    }
    assertStagedIntact(staged, whole.digest());
    const completed = await target.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: target.bucket,
        Key: target.objectKey,
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    confirm(target.objectKey, completed, {
      // AWS answers the MD5 of the parts' MD5s; some S3-compatible servers the MD5 of the whole.
      etag: [`${md5(Buffer.concat(md5s)).toString('hex')}-${parts.length}`, wholeMd5.digest('hex')],
      sha256: `${sha256(Buffer.concat(sha256s)).toString('base64')}-${parts.length}`,
    });
  } catch (error) {
    await target.client
      .send(new AbortMultipartUploadCommand({ Bucket: target.bucket, Key: target.objectKey, UploadId }))
      .catch(() => {}); // the original failure is the one worth reporting; the sweep retries the abort
    throw error;
  }
}

/** Thrown when the service stored bytes other than the ones sent. */
export class ChecksumMismatchError extends Error {
  constructor(what: string) {
    super(`The object store did not confirm the checksum of ${what}; nothing was recorded.`);
    this.name = 'ChecksumMismatchError';
  }
}

function confirm(
  what: string,
  response: { ETag?: string | undefined; ChecksumSHA256?: string | undefined },
  expected: { etag: string | string[]; sha256: string },
): void {
  const etag = response.ETag?.replace(/"/g, '');
  // With SSE-KMS the ETag is not an MD5; the SHA-256 checksum (sent by us) confirms instead.
  const etagIsDigest = etag !== undefined && /^[0-9a-f]{32}(-\d+)?$/.test(etag);
  const checksum = response.ChecksumSHA256;
  if (checksum !== undefined && checksum !== expected.sha256) throw new ChecksumMismatchError(what);
  if (etagIsDigest && ![expected.etag].flat().includes(etag)) throw new ChecksumMismatchError(what);
  if (checksum === undefined && !etagIsDigest) throw new ChecksumMismatchError(what);
}

function openRange(file: string, start: number, length: number) {
  // An empty range would make createReadStream read from `start` to the end of the file.
  return length === 0 ? Buffer.alloc(0) : createReadStream(file, { start, end: start + length - 1 });
}

/** The staged bytes are hashed again while uploading: a file changed on disk since staging must not land under the old key. */
function assertStagedIntact(staged: StagedFile, digest: Buffer): void {
  if (digest.toString('hex') !== staged.sha256) throw new ChecksumMismatchError('the staged file (it changed on disk)');
}

async function digestRange(
  file: string,
  start: number,
  length: number,
  wholeFile: Hash[] = [],
): Promise<{ md5: Buffer; sha256: Buffer }> {
  const m = createHash('md5');
  const s = createHash('sha256');
  if (length > 0) {
    for await (const chunk of createReadStream(file, { start, end: start + length - 1 })) {
      m.update(chunk as Buffer);
      s.update(chunk as Buffer);
      for (const hash of wholeFile) hash.update(chunk as Buffer);
    }
  }
  return { md5: m.digest(), sha256: s.digest() };
}

const md5 = (data: Buffer) => createHash('md5').update(data).digest();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();
