import { rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import { renameDurably } from '../files/durable-fs.js';
import { DELETING_PREFIX, isBackupFolderName } from './layout.js';

/**
 * Deletes a backup folder (not its blobs, which other backups may share). It is first renamed to
 * `.deleting-<name>`, which `list` ignores, so a kill halfway through never leaves a
 * half-deleted backup that still looks like one; the next backup run finishes the removal.
 */
export async function removeBackup(backupsDir: string, name: string): Promise<void> {
  if (!isBackupFolderName(name) || name !== path.basename(name)) {
    throw new AppError('BACKUP_NOT_FOUND', `"${name}" is not the name of a backup.`);
  }
  const doomed = path.join(backupsDir, `${DELETING_PREFIX}${name}`);
  // A leftover from an earlier interrupted removal of a backup with the same name would block the rename.
  await rm(doomed, { recursive: true, force: true });
  try {
    await renameDurably(path.join(backupsDir, name), doomed);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('BACKUP_NOT_FOUND', `There is no backup named "${name}".`);
    }
    throw error;
  }
  await rm(doomed, { recursive: true, force: true });
}
