import type { Runtime } from '../runtime.js';
import { lockBackupStore } from './backup-store-lock.js';
import { ensureStoredFile, openBlobStore } from './blob-store.js';
import { type CheckReport, checkLiveData, type FileProblem } from './check-live-data.js';
import { listBackups, readBackupManifest } from './list-backups.js';
import { recordLiveDataCheck } from './live-data-findings.js';
import type { OnProgress } from './progress.js';

export interface RepairReport {
  ok: boolean;
  /** Files put back, each with the backup whose blob was used. */
  repaired: { storageKey: string; from: string }[];
  /** Files no backup holds in good shape, with the enrollments they affect. */
  unrepaired: FileProblem[];
  /** Database problems are not repaired in place: restoring a backup is the way. */
  database: string[];
  newestBackup: string | null;
}

/**
 * Puts back every missing or damaged stored file from the newest backup whose blob store holds
 * the same hash. The copy is hashed on the way and only committed when it matches, so a rotted
 * blob never replaces a rotted live file. Runs as a writer of the backups folder (with the lock).
 */
export async function repairLiveData(
  runtime: Runtime,
  options: { onProgress?: OnProgress } = {},
): Promise<RepairReport> {
  return lockBackupStore(runtime.config, 'repair', async () => {
    const check: CheckReport = await checkLiveData(runtime, { onProgress: options.onProgress });
    const backupsDir = runtime.config.paths.backups;
    const blobs = openBlobStore(backupsDir);
    const backups = (await listBackups(backupsDir)).filter((b) => !b.partial);
    const holders = await blobHolders(backups);
    const repaired: RepairReport['repaired'] = [];
    const unrepaired: FileProblem[] = [];
    for (const problem of check.files.problems) {
      const from = holders.get(problem.storageKey);
      const outcome = from
        ? await ensureStoredFile(runtime.files, problem.storageKey, () => blobs.read(problem.storageKey))
        : 'missing';
      if (from && (outcome === 'copied' || outcome === 'repaired' || outcome === 'present')) {
        repaired.push({ storageKey: problem.storageKey, from });
      } else unrepaired.push(problem);
    }
    await recordLiveDataCheck(
      runtime.db.kysely,
      { ...check, files: { checked: check.files.checked, problems: unrepaired } },
      'all',
      () => true,
    ).catch(() => undefined);
    return {
      ok: unrepaired.length === 0 && check.database.length === 0,
      repaired,
      unrepaired,
      database: check.database,
      newestBackup: backups.find((b) => b.verified)?.name ?? null,
    };
  });
}

/** For each blob key, the newest backup that names it (listings come newest first). */
async function blobHolders(backups: Awaited<ReturnType<typeof listBackups>>): Promise<Map<string, string>> {
  const holders = new Map<string, string>();
  for (const backup of backups) {
    const manifest = await readBackupManifest(backup).catch(() => undefined);
    for (const file of manifest?.files ?? []) if (!holders.has(file.sha256)) holders.set(file.sha256, backup.name);
  }
  return holders;
}
