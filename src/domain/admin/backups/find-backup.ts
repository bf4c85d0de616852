import { type BackupListing, listBackups } from '../../../backup/list-backups.js';
import { AppError } from '../../../errors.js';

/**
 * A backup by the exact name the list shows. Only listed names are accepted, never a path, so
 * a name from a URL cannot point anywhere outside the backups folder.
 */
export async function findBackup(backupsDir: string, name: string): Promise<BackupListing> {
  const listing = (await listBackups(backupsDir)).find((b) => b.name === name);
  if (!listing) throw new AppError('BACKUP_NOT_FOUND', 'There is no backup with this name.');
  return listing;
}
