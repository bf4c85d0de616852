import path from 'node:path';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { FileStore } from '../files/file-store.js';
import { openFileStore, openRuntime, type Runtime } from '../runtime.js';
import { assertNoLiveInstances } from '../storage/cluster-guard.js';
import { assertDataFolderFree } from '../storage/data-folder-lock.js';
import { migrateToLatest } from '../storage/migrate.js';
import { SCHEMA_VERSION } from '../storage/migrations/index.js';
import { lockBackupStore } from './backup-store-lock.js';
import { openBlobStore } from './blob-store.js';
import { isStorageKey } from './layout.js';
import { readManifest } from './manifest.js';
import { nestedProgress, type OnProgress, step } from './progress.js';
import {
  finishDatabaseCopy,
  removeRestoringLeftovers,
  replaceAllRows,
  restoringPathOf,
  swapSqliteDatabase,
} from './replace-database.js';
import type { BackupSource } from './resolve-backup.js';
import { RestoreFileCopy } from './restore-files.js';
import type { MissingFile, SnapshotContents } from './snapshot-contents.js';
import { takeSafetyBackup } from './take-safety-backup.js';
import { type VerificationReport, verifyBackup } from './verify-backup.js';
import { createWorkDir } from './work-dir.js';

export interface RestoreSummary {
  source: string;
  engine: 'sqlite' | 'postgres';
  safetyBackup: string;
  /** Null when the safety backup is complete; otherwise what of the old data could not be read. */
  safetyBackupPartial: string[] | null;
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
export async function restoreBackup(
  config: Config,
  source: BackupSource,
  options: { onProgress?: OnProgress } = {},
): Promise<RestoreSummary> {
  assertDataFolderFree(config.dataDir, 'restore');
  await assertNoLiveInstances(config, 'restore');
  return lockBackupStore(config, 'restore', () => restoreLocked(config, source, options));
}

async function restoreLocked(
  config: Config,
  source: BackupSource,
  options: { onProgress?: OnProgress },
): Promise<RestoreSummary> {
  const onProgress = options.onProgress;
  const liveFile = config.database.engine === 'sqlite' ? config.database.file : undefined;
  // SQLite: the live database is never opened here, so a corrupt or foreign file cannot stop the
  // restore that replaces it. PostgreSQL: the server's database is the one the rows go into.
  const runtime = liveFile ? undefined : await openRuntime(config, { migrate: false });
  const workDir = liveFile ? undefined : await createWorkDir(config.dataDir);
  const databaseCopy = liveFile ? restoringPathOf(liveFile) : path.join(workDir?.dir as string, 'database.sqlite');
  let liveFiles: FileStore | undefined;
  let fileCopy: RestoreFileCopy | undefined;
  try {
    if (liveFile) await removeRestoringLeftovers(liveFile);
    liveFiles = runtime?.files ?? (await openFileStore(config));
    const blobs = openBlobStore(source.type === 'managed' ? source.backupsDir : config.paths.backups);
    fileCopy = new RestoreFileCopy(liveFiles, blobs);
    // Staging the manifest's files changes nothing the live data can see, so it overlaps the
    // verification; nothing is put in place before the backup has passed and the safety backup exists.
    if (source.type === 'managed') fileCopy.prepare(await manifestFilesOf(source.dir));
    const report = await verifyBackup(source, {
      dataDir: config.dataDir,
      databaseCopy,
      liveFiles,
      blobs,
      onProgress: nestedProgress(onProgress, 'Verify'),
      // Blobs hashed good lately and unchanged since are not hashed here: the copy below hashes
      // every byte it writes into the live store and stops before the swap on any mismatch.
      trustRecentChecksDays: config.backup.checkPeriodDays,
    });
    const contents = assertRestorable(source, report);
    const safety = await takeSafetyBackup(config, 'restore', {
      runtime,
      onProgress: nestedProgress(onProgress, 'Safety backup'),
    });
    await step(onProgress, 'Prepare the new database', () => finishDatabaseCopy(databaseCopy));
    const known = source.type === 'managed' ? new Set(report.knownProblems.map((p) => p.sha256)) : null;
    const files = await fileCopy.commit(
      contents.files.filter((f) => isStorageKey(f.key)),
      known,
      onProgress,
    );
    await step(onProgress, 'Replace the database', async () => {
      if (liveFile) return swapSqliteDatabase(liveFile, databaseCopy);
      const db = (runtime as Runtime).db.kysely;
      await migrateToLatest(db);
      await replaceAllRows(db, databaseCopy);
    });
    return {
      source: source.name,
      engine: config.database.engine,
      safetyBackup: safety.name,
      safetyBackupPartial: safety.partial,
      schemaVersion: { backup: contents.schemaVersion, restored: SCHEMA_VERSION },
      enrollments: contents.tables.enrollments ?? 0,
      documents: contents.tables.documents ?? 0,
      files: files.counts,
      missingFiles: files.missing,
    };
  } finally {
    await fileCopy?.abandon();
    if (!runtime) liveFiles?.close?.();
    await runtime?.close();
    if (liveFile) await removeRestoringLeftovers(liveFile);
    await workDir?.remove();
  }
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

/** The files a backup folder's manifest lists; none when it has no readable manifest (verify says why). */
async function manifestFilesOf(dir: string): Promise<{ key: string; sizeBytes: number }[]> {
  const read = await readManifest(dir);
  return read.ok ? read.manifest.files.map((f) => ({ key: f.sha256, sizeBytes: f.bytes })) : [];
}
