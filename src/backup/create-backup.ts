import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import { renameDurably, sha256File } from '../files/durable-fs.js';
import type { FileStore } from '../files/file-store.js';
import type { Runtime } from '../runtime.js';
import type { TableName } from '../storage/database.js';
import { openDb } from '../storage/db.js';
import { backupBaseName, claimBackupName } from './backup-name.js';
import { lockBackupStore } from './backup-store-lock.js';
import { copyVerified, ensureStoredFile, openBlobStore } from './blob-store.js';
import { FILE_COPY_CONCURRENCY, forEachConcurrently } from './for-each-concurrently.js';
import { isStorageKey, OWNER_FILE, SNAPSHOT_FILE, snapshotFormatOf } from './layout.js';
import { appVersion, type BackupKind, type BackupManifest, writeManifest } from './manifest.js';
import { type OnProgress, step } from './progress.js';
import { removeLeftovers } from './remove-leftovers.js';
import type { BackupSource } from './resolve-backup.js';
import { describeRow, type ReferencedFile, readSnapshotContents, type SnapshotContents } from './snapshot-contents.js';
import { exportLogicalSnapshot } from './snapshot-postgres.js';
import { takeSqliteSnapshot } from './snapshot-sqlite.js';
import { type VerificationReport, verifyBackup } from './verify-backup.js';

export interface BackupRequest {
  kind: BackupKind;
  /** Safety backups are named after what they protect against: `before_restore_…`, `before_clear_…`, `before_import_…`. */
  before?: 'restore' | 'clear' | 'import';
  onProgress?: OnProgress;
}

export interface BackupSummary {
  name: string;
  kind: BackupKind;
  path: string;
  createdAt: string;
  engine: 'sqlite' | 'postgres';
  schemaVersion: number;
  snapshotBytes: number;
  tables: Partial<Record<TableName, number>>;
  files: number;
  totalFileBytes: number;
  /** Files this backup added to the blob store; the rest were already there. */
  newFiles: number;
  newFileBytes: number;
  verifiedAt: string;
}

/**
 * Takes a consistent snapshot of the database, copies every file it names into the blob store,
 * writes the manifest last, verifies the result, and only then publishes the folder by renaming
 * it. A run killed at any point leaves at most a `.partial-` folder, which is never listed and
 * is removed by the next run.
 */
export function createBackup(runtime: Runtime, request: BackupRequest): Promise<BackupSummary> {
  return lockBackupStore(runtime.config, 'backup', () => createLocked(runtime, request));
}

async function createLocked(runtime: Runtime, request: BackupRequest): Promise<BackupSummary> {
  const createdAt = runtime.now();
  const backupsDir = runtime.config.paths.backups;
  await mkdir(backupsDir, { recursive: true });
  const blobs = openBlobStore(backupsDir);
  await removeLeftovers(backupsDir, blobs);
  const purpose = request.before ? (`before_${request.before}` as const) : 'regular';
  const { name, partialDir } = await claimBackupName(backupsDir, backupBaseName(purpose, createdAt));
  try {
    const snapshot = await takeSnapshot(runtime, partialDir, request.onProgress);
    const copied = await copyFiles(runtime.files, blobs, snapshot.contents.files, request.onProgress);
    const manifest: BackupManifest = {
      format: 'byov-backup',
      formatVersion: 1,
      name,
      kind: request.kind,
      createdAt: createdAt.toISOString(),
      appVersion: appVersion(),
      schemaVersion: snapshot.contents.schemaVersion,
      engine: runtime.db.engine,
      snapshot: snapshot.file,
      tables: snapshot.contents.tables,
      files: copied.files,
      totalFileBytes: copied.files.reduce((sum, f) => sum + f.bytes, 0),
    };
    await writeManifest(partialDir, manifest);
    const source: BackupSource = { type: 'managed', name, dir: partialDir, backupsDir };
    const report = await verifyNewBackup(runtime, blobs, source, request.onProgress);
    const finalDir = path.join(backupsDir, name);
    await renameDurably(partialDir, finalDir);
    await rm(path.join(finalDir, OWNER_FILE), { force: true });
    return summarize(manifest, finalDir, copied, report);
  } catch (error) {
    await rm(partialDir, { recursive: true, force: true });
    throw error;
  }
}

async function takeSnapshot(runtime: Runtime, partialDir: string, onProgress: OnProgress | undefined) {
  const format = snapshotFormatOf(runtime.db.engine);
  const file = path.join(partialDir, SNAPSHOT_FILE[format]);
  const database = runtime.config.database;
  const contents = await step(onProgress, 'Database snapshot', async () => {
    if (database.engine === 'postgres') return exportLogicalSnapshot(runtime.db.kysely, file);
    await takeSqliteSnapshot(database.file, file);
    return readContentsOf(file);
  });
  const snapshot = { file: SNAPSHOT_FILE[format], sha256: await sha256File(file), bytes: (await stat(file)).size };
  return { file: snapshot, contents };
}

async function readContentsOf(sqliteFile: string): Promise<SnapshotContents> {
  const db = openDb({ engine: 'sqlite', file: sqliteFile }, { readonly: true });
  try {
    return await readSnapshotContents(db.kysely);
  } finally {
    await db.close();
  }
}

/** Copies into the blob store each named file it does not hold yet, refusing bytes that fail their hash. */
async function copyFiles(live: FileStore, blobs: FileStore, files: ReferencedFile[], onProgress?: OnProgress) {
  const total = files.reduce((sum, f) => sum + f.sizeBytes, 0);
  return step(
    onProgress,
    'Files',
    async (advance) => {
      const copied = { files: [] as { sha256: string; bytes: number }[], newFiles: 0, newFileBytes: 0 };
      await forEachConcurrently(files, FILE_COPY_CONCURRENCY, async (file, index) => {
        const { bytes, added } = await copyFile(live, blobs, file);
        copied.files[index] = { sha256: file.key, bytes };
        if (added) {
          copied.newFiles++;
          copied.newFileBytes += bytes;
        }
        advance(file.sizeBytes);
      });
      return copied;
    },
    { total, unit: 'bytes' },
  );
}

async function copyFile(live: FileStore, blobs: FileStore, file: ReferencedFile) {
  if (!isStorageKey(file.key)) throw cannotCopy(file, 'has a storage key that is not a SHA-256');
  // Already there from an earlier backup: verification below rehashes it like every other blob.
  if (await blobs.has(file.key)) return { bytes: (await stat(blobs.pathOf(file.key))).size, added: false };
  const outcome = await copyVerified(blobs, file.key, live.read(file.key));
  if (outcome.status === 'missing') throw cannotCopy(file, 'has no stored file (it is missing from data/files)');
  if (outcome.status === 'mismatch') {
    throw cannotCopy(file, 'has a damaged stored file: its bytes no longer match their SHA-256');
  }
  return { bytes: outcome.bytes, added: true };
}

function cannotCopy(file: ReferencedFile, reason: string): AppError {
  return new AppError(
    'BACKUP_INVALID',
    `Backup stopped: the ${describeRow(file.row)} ${reason} (file ${file.key}). Nothing was published; ` +
      'restore that file from an earlier backup, or contact support.',
  );
}

/**
 * Verifies the backup before it is published. A blob an earlier backup wrote may have rotted
 * since; the live copy (checked by hash on the way) replaces it, and verification runs again.
 */
async function verifyNewBackup(runtime: Runtime, blobs: FileStore, source: BackupSource, onProgress?: OnProgress) {
  const options = { dataDir: runtime.config.dataDir, liveFiles: runtime.files, blobs, onProgress, now: runtime.now };
  let report = await verifyBackup(source, options);
  if (!report.ok && report.badBlobs.length > 0) {
    for (const key of report.badBlobs) await ensureStoredFile(blobs, key, () => runtime.files.read(key));
    report = await verifyBackup(source, options);
  }
  if (!report.ok) {
    throw new AppError(
      'BACKUP_INVALID',
      `The new backup failed its verification, so it was not kept:\n  - ${report.problems.join('\n  - ')}`,
      { details: report.problems },
    );
  }
  return report;
}

function summarize(
  manifest: BackupManifest,
  dir: string,
  copied: { newFiles: number; newFileBytes: number },
  report: VerificationReport,
): BackupSummary {
  return {
    name: manifest.name,
    kind: manifest.kind,
    path: dir,
    createdAt: manifest.createdAt,
    engine: manifest.engine,
    schemaVersion: manifest.schemaVersion,
    snapshotBytes: manifest.snapshot.bytes,
    tables: manifest.tables,
    files: manifest.files.length,
    totalFileBytes: manifest.totalFileBytes,
    newFiles: copied.newFiles,
    newFileBytes: copied.newFileBytes,
    verifiedAt: report.verifiedAt,
  };
}
