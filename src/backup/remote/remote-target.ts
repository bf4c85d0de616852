import type { Readable } from 'node:stream';
import type { Config, RemoteBackupConfig } from '../../config.js';
import { AppError } from '../../errors.js';
import { FileRemoteTarget } from './file-remote-target.js';
import { S3RemoteTarget } from './s3-remote-target.js';

/** One object in the remote: its name relative to the remote's root (`blobs/…`), size and time. */
export interface RemoteObject {
  readonly name: string;
  readonly bytes: number;
  readonly modifiedAt: Date;
}

/** A finished local file to send: its bytes were hashed while it was written. */
export interface OutgoingFile {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

/**
 * Where off-machine copies of backups go: a bucket or a mounted folder. The copy logic (what to
 * send, in which order, encrypted how) is shared; a target only stores and lists opaque objects.
 * `put` is all or nothing: an object is never listed half-written, and it resolves only once the
 * target confirmed the bytes (the service's checksum; fsync on a share).
 */
export interface RemoteTarget {
  /** The remote for messages, never with credentials: `s3://bucket/prefix` or `file:///path`. */
  readonly description: string;
  /** Objects whose name starts with `folder` (`blobs/`, `backups/`…). */
  list(folder: string): Promise<RemoteObject[]>;
  put(name: string, file: OutgoingFile): Promise<void>;
  /** Streams an object; a missing one fails the stream with code ENOENT. */
  read(name: string): Readable;
  remove(name: string): Promise<void>;
  close(): void;
}

/** The configured remote, or a clear error when BACKUP_REMOTE is not set. */
export function openConfiguredRemote(config: Config): { remote: RemoteBackupConfig; target: RemoteTarget } {
  const remote = config.backup.remote;
  if (!remote) {
    throw new AppError('VALIDATION_FAILED', 'No off-machine backups are configured: set BACKUP_REMOTE.', {
      field: 'BACKUP_REMOTE',
    });
  }
  return { remote, target: openRemoteTarget(remote) };
}

export function openRemoteTarget(remote: RemoteBackupConfig): RemoteTarget {
  const target = remote.target;
  if (target.kind === 'file') return new FileRemoteTarget(target.dir, remote.url);
  return new S3RemoteTarget(target.s3, target.credentials, remote.timeoutMs, remote.url);
}

/** Missing-object errors of either target, as `read` reports them. */
export function isMissingObject(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
