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

/**
 * Where uploaded documents and generated PDFs live. Content-addressed: a file's key is the
 * SHA-256 of its bytes, so a blob never changes once written and identical files are kept once.
 */
export interface FileStore {
  /** Streams `source` into staging, failing with FILE_TOO_LARGE past `maxBytes`. */
  stage(source: Readable, options: { maxBytes: number }): Promise<StagedFile>;
  /** Moves a staged file into the store durably (fsync of file and directory); returns its key. */
  commit(staged: StagedFile): Promise<string>;
  /** Removes a staged file; safe to call twice. */
  discard(staged: StagedFile): Promise<void>;
  has(key: string): Promise<boolean>;
  read(key: string): Readable;
  pathOf(key: string): string;
  list(): AsyncIterable<StoredFileInfo>;
  remove(key: string): Promise<void>;
  /** Deletes staging leftovers older than `olderThanMs` (from requests that crashed). */
  sweepStaging(olderThanMs: number): Promise<number>;
}
