import { stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';

/** Failures that mean the disk (or the quota) is full, from Node and from SQLite. */
export function isOutOfSpace(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

/** Bytes this process may still write on the file system holding `dir`. */
export async function freeBytesOf(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return Number(stats.bavail) * Number(stats.bsize);
}

/** Whether two paths are on one file system (a backup's test copy and the backups folder, say). */
export async function sameFileSystem(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([stat(a), stat(b)]);
  return x.dev === y.dev;
}

/** The bytes a SQLite snapshot will take: the database file and what its WAL adds, at most. */
export async function sqliteSnapshotEstimate(file: string): Promise<number> {
  const sizes = await Promise.all(
    [file, `${file}-wal`].map((f) =>
      stat(f).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

/**
 * The backup's answer to a full disk: what it needed, what was free, and that nothing of it was
 * kept. Sizes only, in MB, so the message holds no personal data.
 */
export function backupOutOfSpace(backupsDir: string, neededBytes: number, freeBytes: number): AppError {
  return new AppError(
    'STORAGE_FULL',
    `The backup needs about ${megabytes(neededBytes)} in ${path.resolve(backupsDir)} but only ` +
      `${megabytes(freeBytes)} was free, so it stopped; its partial files were removed and earlier backups ` +
      'are unchanged. Free some space (`byov prune` removes backups the retention policy does not keep) ' +
      'and run `byov backup` again.',
    { details: { neededBytes, freeBytes } },
  );
}

function megabytes(bytes: number): string {
  return `${(Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)} MB`;
}

/** What a backup was found to need against what was free when it started. */
export interface SpaceBudget {
  freeBytes: number;
  neededBytes: number;
  /** A verification copy of the database is made on the same file system as the backups. */
  testCopyOnSameDisk: boolean;
}

/**
 * Checked before anything is written: the snapshot (and the test copy verification makes of it,
 * when that lands on the same disk) must fit. PostgreSQL's export size is not known in advance;
 * a full disk during it is still caught as it happens.
 */
export async function budgetForSnapshot(
  backupsDir: string,
  workDirParent: string,
  snapshotEstimate: number,
): Promise<SpaceBudget> {
  const freeBytes = await freeBytesOf(backupsDir);
  const testCopyOnSameDisk = await sameFileSystem(backupsDir, workDirParent);
  const budget = { freeBytes, neededBytes: snapshotEstimate * (testCopyOnSameDisk ? 2 : 1), testCopyOnSameDisk };
  if (budget.neededBytes > freeBytes) throw backupOutOfSpace(backupsDir, budget.neededBytes, freeBytes);
  return budget;
}

/** Checked once the snapshot is written and the new files are known, before they are copied. */
export function assertRoomForFiles(
  backupsDir: string,
  budget: SpaceBudget,
  snapshotBytes: number,
  newFileBytes: number,
): void {
  budget.neededBytes = snapshotBytes * (budget.testCopyOnSameDisk ? 2 : 1) + newFileBytes;
  if (budget.neededBytes > budget.freeBytes) {
    throw backupOutOfSpace(backupsDir, budget.neededBytes, budget.freeBytes);
  }
}
