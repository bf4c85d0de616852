import type { Readable } from 'node:stream';

/** A file written to a private staging area, hashed and synced, but not yet in the store. */
export interface StagedFile {
  readonly stagingPath: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  /** The first bytes, for content sniffing. */
  readonly head: Buffer;
}

export interface StoredFileInfo {
  readonly key: string;
  readonly sizeBytes: number;
  readonly modifiedAt: Date;
}

/** Inclusive byte offsets, as in an HTTP `Range: bytes=start-end` header. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Where uploaded documents and generated PDFs live. Content-addressed: a file's key is the
 * SHA-256 of its bytes, so a blob never changes once written and identical files are kept once.
 * Two implementations: local disk (the default) and S3-compatible object storage.
 */
export interface FileStore {
  /** Short name for messages and status output: `local` or `s3`. */
  readonly kind: 'local' | 's3';
  /** Streams `source` into staging, failing with FILE_TOO_LARGE past `maxBytes`. */
  stage(source: Readable, options: { maxBytes: number }): Promise<StagedFile>;
  /**
   * Moves a staged file into the store durably and returns its key. It returns only once the
   * store has confirmed the bytes (fsync on disk; the service's checksum in object storage), so
   * a row naming the key may commit after it.
   */
  commit(staged: StagedFile): Promise<string>;
  /** Removes a staged file; safe to call twice. */
  discard(staged: StagedFile): Promise<void>;
  has(key: string): Promise<boolean>;
  /** Size and last write time, or undefined when the store does not hold `key`. */
  stat(key: string): Promise<StoredFileInfo | undefined>;
  /** Streams the bytes (or one range of them); a missing key fails the stream with code ENOENT. */
  read(key: string, range?: ByteRange): Readable;
  /**
   * The blob's path on local disk. Only the local store has one (backups keep their blobs in a
   * local store); the object store throws.
   */
  pathOf(key: string): string;
  list(): AsyncIterable<StoredFileInfo>;
  remove(key: string): Promise<void>;
  /** Deletes staging leftovers older than `olderThanMs` (from requests that crashed). */
  sweepStaging(olderThanMs: number): Promise<number>;
  /** Releases connections (the object store's); the local store has nothing to release. */
  close?(): void;
}

export const FILE_KEY_PATTERN = /^[0-9a-f]{64}$/;
