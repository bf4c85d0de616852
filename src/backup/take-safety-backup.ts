import { copyFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { isAppError } from '../errors.js';
import { renameDurably, sha256File } from '../files/durable-fs.js';
import type { FileStore } from '../files/file-store.js';
import { openFileStore, openRuntime, type Runtime } from '../runtime.js';
import { backupBaseName, claimBackupName } from './backup-name.js';
import { lockBackupStore } from './backup-store-lock.js';
import { ensureStoredFile, openBlobStore } from './blob-store.js';
import { createBackup } from './create-backup.js';
import { OWNER_FILE } from './layout.js';
import { appVersion, type BackupManifest, writeManifest } from './manifest.js';
import { type OnProgress, step } from './progress.js';

export interface SafetyBackup {
  name: string;
  /** Null for a complete backup; otherwise what could not be read (the backup is "partial"). */
  partial: string[] | null;
}

/**
 * The backup taken before restore and clear. It must never be the reason they refuse: they are
 * what repairs broken live data. A complete, verified backup when the live data can be read;
 * otherwise a partial one keeping everything that can still be read (the database file's bytes
 * as they are, every stored file that matches its hash) and naming what could not.
 */
export async function takeSafetyBackup(
  config: Config,
  before: 'restore' | 'clear',
  options: { runtime?: Runtime; onProgress?: OnProgress } = {},
): Promise<SafetyBackup> {
  let problem: string;
  const missing = config.database.engine === 'sqlite' && !(await exists(config.database.file));
  if (missing) problem = `There was no database at ${config.database.file}.`;
  else {
    const runtime = options.runtime ?? (await openRuntime(config, { migrate: false }).catch(rethrowUnlessUnreadable));
    if (typeof runtime === 'string') problem = runtime;
    else {
      try {
        const summary = await createBackup(runtime, { kind: 'safety', before, onProgress: options.onProgress });
        return { name: summary.name, partial: null };
      } catch (error) {
        problem = rethrowUnlessUnreadable(error);
      } finally {
        if (!options.runtime) await runtime.close();
      }
    }
  }
  const partial = await createPartialBackup(config, before, problem, options.onProgress);
  return partial;
}

/**
 * Failures that say the live data cannot be read (SQLite rejecting the file, a verification that
 * failed, a table that is not there) become the reason a backup is partial; anything else (a
 * full disk, a newer schema, a busy folder, no database server) still stops the command.
 */
function rethrowUnlessUnreadable(error: unknown): string {
  const code = String((error as { code?: unknown }).code ?? '');
  const unreadable = isAppError(error)
    ? code === 'BACKUP_INVALID'
    : code.startsWith('SQLITE_') || code === 'EIO' || /^(XX|42|22|23)/.test(code);
  if (!unreadable) throw error;
  const message = error instanceof Error ? error.message : String(error);
  return `The database could not be read: ${message.split('\n')[0]}`;
}

async function createPartialBackup(
  config: Config,
  before: 'restore' | 'clear',
  databaseProblem: string,
  onProgress?: OnProgress,
): Promise<SafetyBackup> {
  const backupsDir = config.paths.backups;
  return lockBackupStore(config, 'backup', async () => {
    const createdAt = new Date();
    const { name, partialDir } = await claimBackupName(backupsDir, backupBaseName(`before_${before}`, createdAt));
    try {
      const problems = [databaseProblem];
      const snapshot = await step(onProgress, 'Database file as it is', () => copyDatabaseBytes(config, partialDir));
      const live = await openFileStore(config);
      const files = await step(onProgress, 'Readable files', () =>
        keepReadableFiles(live, openBlobStore(backupsDir)),
      ).finally(() => live.close?.());
      problems.push(...files.problems);
      const manifest: BackupManifest = {
        format: 'byov-backup',
        formatVersion: 1,
        name,
        kind: 'safety',
        createdAt: createdAt.toISOString(),
        appVersion: appVersion(),
        schemaVersion: 0,
        engine: config.database.engine,
        snapshot,
        tables: {},
        files: files.kept,
        totalFileBytes: files.kept.reduce((sum, f) => sum + f.bytes, 0),
        partial: { problems },
      };
      await writeManifest(partialDir, manifest);
      const finalDir = path.join(backupsDir, name);
      await renameDurably(partialDir, finalDir);
      await rm(path.join(finalDir, OWNER_FILE), { force: true });
      return { name, partial: problems };
    } catch (error) {
      await rm(partialDir, { recursive: true, force: true });
      throw error;
    }
  });
}

const UNREADABLE_SNAPSHOT = 'database.unreadable';

/** The SQLite file (and its WAL) byte for byte, for whoever can still salvage rows from it. */
async function copyDatabaseBytes(config: Config, partialDir: string): Promise<BackupManifest['snapshot']> {
  const target = path.join(partialDir, UNREADABLE_SNAPSHOT);
  const source = config.database.engine === 'sqlite' ? config.database.file : undefined;
  if (source && (await exists(source))) {
    const hadWal = await exists(`${source}-wal`);
    await copyFile(source, target);
    // A connection that is still closing (the failed attempt to read the database) may move
    // its WAL into the main file and delete it as we copy. Then the main file is copied again,
    // so that its bytes include what the WAL held.
    if (hadWal && !(await copyIfPresent(`${source}-wal`, `${target}-wal`))) await copyFile(source, target);
  } else await writeFile(target, '');
  return { file: UNREADABLE_SNAPSHOT, sha256: await sha256File(target), bytes: (await stat(target)).size };
}

async function copyIfPresent(from: string, to: string): Promise<boolean> {
  return copyFile(from, to).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
}

/** Every live file whose bytes still match their name goes into the blob store; the others are named. */
async function keepReadableFiles(live: FileStore, blobs: FileStore) {
  const kept: { sha256: string; bytes: number }[] = [];
  const problems: string[] = [];
  for await (const file of live.list()) {
    const outcome = await ensureStoredFile(blobs, file.key, () => live.read(file.key));
    if (outcome === 'mismatch') problems.push(`Stored file ${file.key} is damaged: its bytes do not match its hash.`);
    else if (outcome !== 'missing') kept.push({ sha256: file.key, bytes: (await stat(blobs.pathOf(file.key))).size });
  }
  return { kept, problems };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
