import path from 'node:path';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { FileStore } from '../files/file-store.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { assertDataFolderFree } from '../storage/data-folder-lock.js';
import { SCHEMA_VERSION } from '../storage/migrations/index.js';
import { lockBackupStore } from './backup-store-lock.js';
import { ensureStoredFile, openBlobStore } from './blob-store.js';
import { createBackup } from './create-backup.js';
import { FILE_COPY_CONCURRENCY, forEachConcurrently } from './for-each-concurrently.js';
import { isStorageKey } from './layout.js';
import { nestedProgress, type OnProgress, step } from './progress.js';
import {
  finishDatabaseCopy,
  removeRestoringLeftovers,
  replaceAllRows,
  restoringPathOf,
  swapSqliteDatabase,
} from './replace-database.js';
import type { BackupSource } from './resolve-backup.js';
import { type MissingFile, missingFileOf, type SnapshotContents } from './snapshot-contents.js';
import { type VerificationReport, verifyBackup } from './verify-backup.js';
import { createWorkDir } from './work-dir.js';

export interface RestoreSummary {
  source: string;
  engine: 'sqlite' | 'postgres';
  safetyBackup: string;
  schemaVersion: { backup: number; restored: number };
  enrollments: number;
  documents: number;
  files: { copied: number; alreadyPresent: number; repaired: number };
  /** Rows whose file could not be put back: named by the backup's known problems, or found nowhere. */
  missingFiles: MissingFile[];
}

/**
 * Replaces the live data with a backup's. In order: verify the backup (refusing a bad one or one
 * from a newer schema, before anything changes), take a safety backup of the current state,
 * build the complete new database next to the live one, copy the missing files in (extra
 * content-addressed files never hurt the old state), and only then swap the database in one
 * atomic step. A kill at any moment leaves the old state or the new one, never a mix.
 */
export function restoreBackup(
  config: Config,
  source: BackupSource,
  options: { onProgress?: OnProgress } = {},
): Promise<RestoreSummary> {
  assertDataFolderFree(config.dataDir, 'restore');
  return lockBackupStore(config, 'restore', () => restoreLocked(config, source, options));
}

async function restoreLocked(
  config: Config,
  source: BackupSource,
  options: { onProgress?: OnProgress },
): Promise<RestoreSummary> {
  const runtime = await openRuntime(config, { migrate: true });
  const liveFile = config.database.engine === 'sqlite' ? config.database.file : undefined;
  const workDir = liveFile ? undefined : await createWorkDir(config.dataDir);
  const databaseCopy = liveFile ? restoringPathOf(liveFile) : path.join(workDir?.dir as string, 'database.sqlite');
  let closed = false;
  try {
    if (liveFile) await removeRestoringLeftovers(liveFile);
    const prepared = await prepare(runtime, source, databaseCopy, options.onProgress);
    if (liveFile) {
      closed = true;
      await runtime.close();
      await step(options.onProgress, 'Replace the database', () => swapSqliteDatabase(liveFile, databaseCopy));
    } else {
      await step(options.onProgress, 'Replace the database', () => replaceAllRows(runtime.db.kysely, databaseCopy));
    }
    return { ...prepared, engine: runtime.db.engine };
  } finally {
    if (!closed) await runtime.close();
    if (liveFile) await removeRestoringLeftovers(liveFile);
    await workDir?.remove();
  }
}

async function prepare(runtime: Runtime, source: BackupSource, databaseCopy: string, onProgress?: OnProgress) {
  const paths = runtime.config.paths;
  const blobs = openBlobStore(source.type === 'managed' ? source.backupsDir : paths.backups);
  const report = await verifyBackup(source, {
    dataDir: runtime.config.dataDir,
    databaseCopy,
    liveFiles: runtime.files,
    blobs,
    onProgress: nestedProgress(onProgress, 'Verify'),
    now: runtime.now,
  });
  const contents = assertRestorable(source, report);
  const safety = await createBackup(runtime, {
    kind: 'safety',
    before: 'restore',
    onProgress: nestedProgress(onProgress, 'Safety backup'),
  });
  await step(onProgress, 'Prepare the new database', () => finishDatabaseCopy(databaseCopy));
  const known = new Set(report.knownProblems.map((p) => p.sha256));
  const files = await restoreFiles(
    runtime.files,
    blobs,
    contents,
    source.type === 'managed' ? known : null,
    onProgress,
  );
  return {
    source: source.name,
    safetyBackup: safety.name,
    schemaVersion: { backup: contents.schemaVersion, restored: SCHEMA_VERSION },
    enrollments: contents.tables.enrollments ?? 0,
    documents: contents.tables.documents ?? 0,
    files: files.counts,
    missingFiles: files.missing,
  };
}

function assertRestorable(source: BackupSource, report: VerificationReport): SnapshotContents {
  if (!report.ok || !report.contents) {
    throw new AppError(
      'BACKUP_INVALID',
      `${source.name} failed verification, so nothing was changed:\n  - ${report.problems.join('\n  - ')}`,
      { details: report.problems },
    );
  }
  const { schemaVersion, unknownMigrations } = report.contents;
  if (schemaVersion > SCHEMA_VERSION || unknownMigrations.length > 0) {
    throw new AppError(
      'SCHEMA_TOO_NEW',
      `${source.name} was made by a newer version of BYOV Enrollment (its schema has migrations this version ` +
        'does not know). Nothing was changed. Upgrade the application, then restore it.',
    );
  }
  return report.contents;
}

/**
 * Puts every file the restored rows name into the live store, each checked by hash. A backup
 * folder was verified to hold them all, so a failure here means it changed since: stop before
 * the swap. A database without a manifest may name files that exist nowhere: list them.
 */
async function restoreFiles(
  live: FileStore,
  blobs: FileStore,
  contents: SnapshotContents,
  /** For a backup folder, the files it records as lost (the rest must all be there); null for a plain file. */
  knownLost: ReadonlySet<string> | null,
  onProgress?: OnProgress,
) {
  const counts = { copied: 0, alreadyPresent: 0, repaired: 0 };
  const missing: RestoreSummary['missingFiles'] = [];
  const files = contents.files.filter((f) => isStorageKey(f.key));
  const total = files.reduce((sum, f) => sum + f.sizeBytes, 0);
  await step(
    onProgress,
    'Files',
    async (advance) => {
      await forEachConcurrently(files, FILE_COPY_CONCURRENCY, async (file) => {
        const outcome = await ensureStoredFile(live, file.key, () => blobs.read(file.key));
        if (outcome === 'present') counts.alreadyPresent++;
        else if (outcome === 'copied') counts.copied++;
        else if (outcome === 'repaired') counts.repaired++;
        else if (knownLost && !knownLost.has(file.key)) {
          throw new AppError('BACKUP_INVALID', `Blob ${file.key} changed after verification; nothing was replaced.`);
        } else missing.push(missingFileOf(file));
        advance(file.sizeBytes);
      });
    },
    { total, unit: 'bytes' },
  );
  return { counts, missing };
}
