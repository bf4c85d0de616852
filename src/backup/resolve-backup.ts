import { stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import { isBackupFolderName, MANIFEST_FILE } from './layout.js';

/**
 * What `verify` and `restore` were pointed at: a backup folder (with a manifest and a blob
 * store beside it), or a plain SQLite file of this product, e.g. one copied by hand.
 */
export type BackupSource =
  | { type: 'managed'; name: string; dir: string; backupsDir: string }
  | { type: 'plain'; name: string; file: string };

// Accepted after a name so `byov_backup_20250101_120000.db` finds the folder of that name.
const IGNORED_EXTENSION = /\.(db|sqlite3?|jsonl|json)$/i;

/** Finds a backup by name (with or without an extension) in `backupsDir`, or by path. */
export async function resolveBackup(backupsDir: string, reference: string): Promise<BackupSource> {
  const wanted = reference.trim();
  if (wanted !== '' && !wanted.includes('/') && !wanted.includes(path.sep)) {
    for (const name of new Set([wanted, wanted.replace(IGNORED_EXTENSION, '')])) {
      if (!isBackupFolderName(name)) continue;
      const candidate = path.join(backupsDir, name);
      const kind = await kindOf(candidate);
      if (kind === 'dir') return managed(candidate);
      if (kind === 'file') return { type: 'plain', name, file: candidate };
    }
  }
  const target = path.resolve(wanted);
  const kind = wanted === '' ? 'none' : await kindOf(target);
  if (kind === 'dir') return managed(target);
  if (kind === 'file') {
    // A path to a file inside a backup folder (its manifest or snapshot) means that backup.
    const parent = path.dirname(target);
    if ((await kindOf(path.join(parent, MANIFEST_FILE))) === 'file') return managed(parent);
    return { type: 'plain', name: path.basename(target), file: target };
  }
  throw new AppError(
    'BACKUP_NOT_FOUND',
    `No backup named "${reference}" in ${backupsDir}, and no such file or folder. Run \`byov list\` to see the backups.`,
  );
}

function managed(dir: string): BackupSource {
  // The backup's blobs are in the blob store beside it, wherever that backups folder is.
  return { type: 'managed', name: path.basename(dir), dir, backupsDir: path.dirname(dir) };
}

async function kindOf(target: string): Promise<'dir' | 'file' | 'none'> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return 'none';
  return info.isDirectory() ? 'dir' : 'file';
}
