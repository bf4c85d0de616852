import { copyFile, stat } from 'node:fs/promises';
import { isAppError } from '../errors.js';
import { fsyncPath, sha256File } from '../files/durable-fs.js';
import { type DatabaseInspection, inspectDatabaseAside } from './inspect-database.js';
import { snapshotFormatOf } from './layout.js';
import type { BackupManifest } from './manifest.js';
import { materializeSnapshot } from './materialize-snapshot.js';
import { type OnProgress, step } from './progress.js';

/**
 * Checks a backup's snapshot against its manifest (size, SHA-256) and gives it its test open.
 *
 * - `inspected`: the snapshot was written, hashed and inspected moments ago by the backup being
 *   published, under the lock: its size is checked and that inspection stands.
 * - otherwise a SQLite snapshot is copied to `databaseCopy` and hashed in the same pass while
 *   the snapshot itself gets its test open: restore then puts exactly the checked bytes in
 *   place. A logical snapshot is hashed, then loaded into `databaseCopy`.
 */
export async function checkManagedSnapshot(
  snapshot: string,
  manifest: BackupManifest,
  databaseCopy: string,
  options: { inspected?: DatabaseInspection; onProgress?: OnProgress },
): Promise<{ problems: string[]; contents: DatabaseInspection['contents'] }> {
  const format = snapshotFormatOf(manifest.engine);
  const info = await stat(snapshot).catch(() => undefined);
  if (!info) return { problems: [`The snapshot file ${manifest.snapshot.file} is missing.`], contents: null };
  const problems: string[] = [];
  if (info.size !== manifest.snapshot.bytes) {
    problems.push(`The snapshot has ${info.size} bytes; the manifest says ${manifest.snapshot.bytes}.`);
  }
  if (options.inspected) {
    return { problems: [...problems, ...options.inspected.problems], contents: options.inspected.contents };
  }
  if (format !== 'sqlite') {
    const sha256 = await step(options.onProgress, 'Snapshot checksum', () => sha256File(snapshot));
    if (sha256 !== manifest.snapshot.sha256) problems.push(SNAPSHOT_CHANGED);
    const opened = await step(options.onProgress, 'Test open of the database', () =>
      openCopy(snapshot, format, databaseCopy),
    );
    return { problems: [...problems, ...opened.problems], contents: opened.contents };
  }
  // The snapshot is checked in place (read-only, in a thread) while it is copied and hashed: on
  // a large database each takes seconds, and one waiting for the other doubled a restore's time.
  // The backup store's lock keeps the snapshot unchanged meanwhile, so its hash proves that the
  // bytes checked and the bytes copied are the backup's.
  const [sha256, inPlace] = await Promise.all([
    step(options.onProgress, 'Snapshot checksum', () => copyHashing(snapshot, databaseCopy)),
    step(options.onProgress, 'Test open of the database', () => inspectDatabaseAside(snapshot, 'full')),
  ]);
  if (sha256 !== manifest.snapshot.sha256) problems.push(SNAPSHOT_CHANGED);
  // Indexes that disagree with intact tables are rebuilt in the copy (never in the backup).
  const opened = inPlace.onlyIndexesDisagree
    ? await inspectDatabaseAside(databaseCopy, 'full, rebuilding indexes')
    : inPlace;
  return { problems: [...problems, ...opened.problems], contents: opened.contents };
}

const SNAPSHOT_CHANGED = 'The snapshot does not match its SHA-256 in the manifest: it has been changed or damaged.';

/**
 * Copies `from` to `to` (fsynced) in the kernel (copy_file_range) while this process hashes
 * `from` from the page cache. With the restore's files staged meanwhile, a stream that hashed
 * what it wrote took 12.6-15.0 s for a 1 GB snapshot, the whole restore's critical path; this
 * took 7.0-7.8 s.
 */
async function copyHashing(from: string, to: string): Promise<string> {
  const [, sha256] = await Promise.all([copyFile(from, to).then(() => fsyncPath(to)), sha256File(from)]);
  return sha256;
}

/** Makes the copy and inspects it; a snapshot that cannot even be loaded is one more problem. */
export async function openCopy(
  snapshot: string,
  format: 'sqlite' | 'jsonl',
  databaseCopy: string,
): Promise<DatabaseInspection> {
  try {
    await materializeSnapshot(snapshot, format, databaseCopy);
  } catch (error) {
    if (!isLoadFailure(error)) throw error;
    return { problems: [`The snapshot cannot be loaded: ${(error as Error).message}`], contents: null };
  }
  return inspectDatabaseAside(databaseCopy, 'full, rebuilding indexes');
}

/**
 * Failures that describe the snapshot (ours, a missing file, SQLite rejecting a row) rather than
 * a bug. SQLite names tables, columns and constraints in its messages, never the values.
 */
function isLoadFailure(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code ?? '');
  return isAppError(error) || code === 'ENOENT' || code.startsWith('SQLITE_');
}
