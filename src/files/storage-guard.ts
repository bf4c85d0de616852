import { statfs } from 'node:fs/promises';
import { AppError } from '../errors.js';

export interface StorageStatus {
  /** Bytes an unprivileged process can still write on the data folder's file system. */
  freeBytes: number;
  minFreeBytes: number;
  /** Below the threshold: new uploads and submissions are refused with STORAGE_FULL. */
  low: boolean;
}

/**
 * Keeps writes from filling the disk: below `minFreeBytes` free on the data folder's file
 * system, new writes are refused with a clear 507 while there is still room for the database
 * to finish what it is doing, and `/health` says so. The free space is read at most once a
 * second, whatever the request rate.
 */
export interface StorageGuard {
  status(): Promise<StorageStatus>;
  assertRoomToWrite(): Promise<void>;
}

const CACHE_MS = 1000;

export function createStorageGuard(dir: string, minFreeBytes: number): StorageGuard {
  let cached: { at: number; status: Promise<StorageStatus> } | undefined;
  const status = () => {
    const now = Date.now();
    if (!cached || now - cached.at > CACHE_MS) {
      const reading = statfs(dir).then((stats) => {
        const freeBytes = Number(stats.bavail) * Number(stats.bsize);
        return { freeBytes, minFreeBytes, low: freeBytes < minFreeBytes };
      });
      cached = { at: now, status: reading };
      reading.catch(() => {
        cached = undefined;
      });
    }
    return cached.status;
  };
  return {
    status,
    async assertRoomToWrite() {
      if ((await status()).low) throw storageFull();
    },
  };
}

export function storageFull(): AppError {
  return new AppError(
    'STORAGE_FULL',
    'The server is running out of disk space and cannot accept uploads right now. Nothing was saved; ' +
      'please try again later. (Admins: free disk space or raise it, see MIN_FREE_DISK_MB.)',
  );
}
