import { mkdir, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import { renameDurably, sha256File } from '../files/durable-fs.js';
import type { FileStore } from '../files/file-store.js';
import { FILE_COPY_CONCURRENCY, forEachConcurrently } from '../files/for-each-concurrently.js';
import type { LocalFileStore } from '../files/local-file-store.js';
import type { Runtime } from '../runtime.js';
import type { TableName } from '../storage/database.js';
import { backupBaseName, claimBackupName } from './backup-name.js';
import {
  assertRoomForFiles,
  backupOutOfSpace,
  budgetForSnapshot,
  isOutOfSpace,
  sqliteSnapshotEstimate,
} from './backup-space.js';
import { lockBackupStore } from './backup-store-lock.js';
import { BlobChecks, statBlob } from './blob-checks.js';
import { ensureStoredFile, openBlobStore } from './blob-store.js';
import type { DatabaseInspection } from './inspect-database.js';
import { isStorageKey, OWNER_FILE, SNAPSHOT_FILE, snapshotFormatOf } from './layout.js';
import { appVersion, type BackupKind, type BackupManifest, type KnownProblem, writeManifest } from './manifest.js';
import { type OnProgress, step } from './progress.js';
import { removeLeftovers } from './remove-leftovers.js';
import type { BackupSource } from './resolve-backup.js';
import { describeRow, type ReferencedFile } from './snapshot-contents.js';
import { exportLogicalSnapshot } from './snapshot-postgres.js';
import { takeCheckedSqliteSnapshot } from './snapshot-sqlite.js';
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
  /** Files the rows name that are missing or damaged everywhere: named, not fatal. */
  knownProblems: KnownProblem[];
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
  const database = runtime.config.database;
  const estimate = database.engine === 'sqlite' ? await sqliteSnapshotEstimate(database.file) : 0;
  const space = await budgetForSnapshot(backupsDir, runtime.config.dataDir, estimate);
  const purpose = request.before ? (`before_${request.before}` as const) : 'regular';
  const { name, partialDir } = await claimBackupName(backupsDir, backupBaseName(purpose, createdAt));
  /** Blobs this run put into the store: removed again if it fails, as no backup names them. */
  const added: string[] = [];
  try {
    const snapshot = await takeSnapshot(runtime, partialDir, request.onProgress);
    const newFileBytes = await bytesMissingFrom(blobs, snapshot.contents.files);
    assertRoomForFiles(backupsDir, space, snapshot.file.bytes, newFileBytes);
    const checks = await BlobChecks.load(backupsDir);
    const copied = await storeFiles(runtime, blobs, checks, snapshot.contents.files, added, request.onProgress);
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
      ...(copied.knownProblems.length > 0 ? { knownProblems: copied.knownProblems } : {}),
    };
    await writeManifest(partialDir, manifest);
    const source: BackupSource = { type: 'managed', name, dir: partialDir, backupsDir };
    // Saved before the verdict: what this run learnt about the blobs holds either way.
    await checks.save();
    const report = await verifyNewBackup(runtime, blobs, source, copied, snapshot.inspection, request.onProgress);
    const finalDir = path.join(backupsDir, name);
    await renameDurably(partialDir, finalDir);
    await rm(path.join(finalDir, OWNER_FILE), { force: true });
    return summarize(manifest, finalDir, copied, report);
  } catch (error) {
    await rm(partialDir, { recursive: true, force: true });
    for (const key of added) {
      await blobs.remove(key);
      // Its prefix folder too, when this run created it: nothing of a failed run stays behind.
      await rmdir(path.dirname(blobs.pathOf(key))).catch(() => {});
    }
    if (isOutOfSpace(error)) throw backupOutOfSpace(backupsDir, space.neededBytes, space.freeBytes);
    throw error;
  }
}

/** Bytes of the named files the blob store does not hold yet (sizes as the rows record them). */
async function bytesMissingFrom(blobs: FileStore, files: ReferencedFile[]): Promise<number> {
  let bytes = 0;
  for (const file of files) {
    if (isStorageKey(file.key) && !(await blobs.has(file.key))) bytes += file.sizeBytes;
  }
  return bytes;
}

async function takeSnapshot(runtime: Runtime, partialDir: string, onProgress: OnProgress | undefined) {
  const format = snapshotFormatOf(runtime.db.engine);
  const file = path.join(partialDir, SNAPSHOT_FILE[format]);
  const describe = async (sha256: string) => ({ file: SNAPSHOT_FILE[format], sha256, bytes: (await stat(file)).size });
  const database = runtime.config.database;
  if (database.engine === 'postgres') {
    const contents = await step(onProgress, 'Database snapshot', () => exportLogicalSnapshot(runtime.db.kysely, file));
    return { file: await describe(await sha256File(file)), contents, inspection: undefined };
  }
  const { inspection, sha256: hashedWhileCopied } = await step(onProgress, 'Database snapshot', () =>
    takeCheckedSqliteSnapshot(runtime.db.kysely, database.file, file),
  );
  // Nothing is copied for a snapshot that fails its check: the backup could not be kept anyway.
  if (inspection.problems.length > 0 || !inspection.contents) throw notKept(inspection.problems);
  const sha256 = hashedWhileCopied ?? (await step(onProgress, 'Snapshot checksum', () => sha256File(file)));
  return { file: await describe(sha256), contents: inspection.contents, inspection };
}

interface StoredFiles {
  files: { sha256: string; bytes: number }[];
  knownProblems: KnownProblem[];
  newFiles: number;
  newFileBytes: number;
}

/**
 * Puts every named file into the blob store, or records why it could not: a missing or damaged
 * live file without a good blob is a known problem of this backup, never a reason to stop it.
 * New blobs are hashed while they are copied; blobs already there are re-hashed when due (see
 * BlobChecks.takeDue), and the rest are trusted from their last check.
 */
async function storeFiles(
  runtime: Runtime,
  blobs: LocalFileStore,
  checks: BlobChecks,
  files: ReferencedFile[],
  added: string[],
  onProgress?: OnProgress,
): Promise<StoredFiles> {
  const total = files.reduce((sum, f) => sum + f.sizeBytes, 0);
  const due = checks.takeDue(
    files.map((f) => f.key),
    runtime.now(),
    runtime.config.backup.checkPeriodDays,
  );
  return step(
    onProgress,
    'Files',
    async (advance) => {
      const outcomes: (FileOutcome | undefined)[] = [];
      const target = blobs.withDeferredDirSyncs();
      await forEachConcurrently(files, FILE_COPY_CONCURRENCY, async (file, index) => {
        const outcome = await storeFile(runtime, target.store, checks, file, due.has(file.key));
        if (outcome.type === 'stored' && outcome.added) added.push(file.key);
        outcomes[index] = outcome;
        advance(file.sizeBytes);
      });
      // Before the manifest names them, every new blob's name is on disk for good.
      await target.flush();
      const stored: StoredFiles = { files: [], knownProblems: [], newFiles: 0, newFileBytes: 0 };
      files.forEach((file, index) => {
        const outcome = outcomes[index] as FileOutcome;
        if (outcome.type === 'problem') {
          stored.knownProblems.push({ sha256: file.key, problem: outcome.problem, row: file.row });
          return;
        }
        stored.files.push({ sha256: file.key, bytes: outcome.bytes });
        if (outcome.added) {
          stored.newFiles++;
          stored.newFileBytes += outcome.bytes;
        }
      });
      return stored;
    },
    { total, unit: 'bytes' },
  );
}

type FileOutcome =
  | { type: 'stored'; bytes: number; added: boolean }
  | { type: 'problem'; problem: 'missing' | 'damaged' };

async function storeFile(
  runtime: Runtime,
  blobs: FileStore,
  checks: BlobChecks,
  file: ReferencedFile,
  due: boolean,
): Promise<FileOutcome> {
  if (!isStorageKey(file.key)) throw cannotCopy(file, 'has a storage key that is not a SHA-256');
  const now = runtime.now();
  const blobPath = blobs.pathOf(file.key);
  const before = await statBlob(blobPath);
  const present = before !== undefined;
  // Not due and unchanged since its last hash (size and mtime as recorded): no need to read it.
  if (present && !due && checks.trusted(file.key, before, now, runtime.config.backup.checkPeriodDays)) {
    return { type: 'stored', bytes: before.size, added: false };
  }
  const outcome = await ensureStoredFile(blobs, file.key, () => runtime.files.read(file.key));
  if (outcome === 'present' || outcome === 'copied' || outcome === 'repaired') {
    const after = await statBlob(blobPath);
    checks.record(file.key, 'ok', now, after);
    return { type: 'stored', bytes: after?.size ?? 0, added: outcome === 'copied' };
  }
  // The live copy is missing or damaged too. A damaged blob stays where it is (named by this
  // backup's known problems, so no prune removes it) and is remembered as damaged.
  if (present) checks.record(file.key, 'damaged', now);
  return { type: 'problem', problem: outcome === 'missing' && !present ? 'missing' : 'damaged' };
}

function cannotCopy(file: ReferencedFile, reason: string): AppError {
  return new AppError(
    'BACKUP_INVALID',
    `Backup stopped: the ${describeRow(file.row)} ${reason} (file ${file.key}). Nothing was published.`,
  );
}

/**
 * Verifies the backup before it is published, with the lock held: every blob it names was hashed
 * by this run or recently enough (blob-checks.json), so here they are checked for presence and
 * size; a SQLite copy was checked right after it was taken, a logical one gets its test open.
 */
async function verifyNewBackup(
  runtime: Runtime,
  blobs: FileStore,
  source: BackupSource,
  stored: StoredFiles,
  inspection: DatabaseInspection | undefined,
  onProgress?: OnProgress,
) {
  const options = {
    dataDir: runtime.config.dataDir,
    liveFiles: runtime.files,
    blobs,
    onProgress,
    now: runtime.now,
    trustedBlobs: new Set(stored.files.map((f) => f.sha256)),
    ...(inspection ? { freshInspection: inspection } : {}),
  };
  const report = await verifyBackup(source, options);
  if (!report.ok) throw notKept(report.problems);
  return report;
}

function notKept(problems: string[]): AppError {
  return new AppError(
    'BACKUP_INVALID',
    `The new backup failed its verification, so it was not kept:\n  - ${problems.join('\n  - ')}`,
    { details: problems },
  );
}

function summarize(
  manifest: BackupManifest,
  dir: string,
  copied: StoredFiles,
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
    knownProblems: copied.knownProblems,
  };
}
