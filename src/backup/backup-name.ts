import { mkdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OWNER_FILE, PARTIAL_PREFIX } from './layout.js';

/** Why a backup is taken decides the start of its name; the rest is the UTC time. */
export type BackupPurpose = 'regular' | 'before_restore' | 'before_clear' | 'before_import';

const PREFIX: Record<BackupPurpose, string> = {
  regular: 'byov_backup',
  before_restore: 'before_restore',
  before_clear: 'before_clear',
  before_import: 'before_import',
};

/** `YYYYMMDD_HHMMSS` in UTC, so names sort by time and mean the same on every machine. */
export function utcStamp(date: Date): string {
  const iso = date.toISOString(); // 2026-01-31T12:34:56.789Z
  return `${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 19).replaceAll(':', '')}`;
}

export function backupBaseName(purpose: BackupPurpose, date: Date): string {
  return `${PREFIX[purpose]}_${utcStamp(date)}`;
}

/**
 * Claims the first free name among `base`, `base_2`, `base_3`… by creating its `.partial-`
 * folder. mkdir is atomic, and the published name is checked only after the claim succeeds, so
 * two backups in the same second (even in two processes) never share a name or a folder.
 * The folder records its owner's PID so that only abandoned ones are cleaned up.
 */
export async function claimBackupName(backupsDir: string, base: string): Promise<{ name: string; partialDir: string }> {
  for (let attempt = 1; ; attempt++) {
    const name = attempt === 1 ? base : `${base}_${attempt}`;
    const partialDir = path.join(backupsDir, `${PARTIAL_PREFIX}${name}`);
    try {
      await mkdir(partialDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    if (await exists(path.join(backupsDir, name))) {
      await rmdir(partialDir);
      continue;
    }
    try {
      await writeFile(path.join(partialDir, OWNER_FILE), String(process.pid));
    } catch (error) {
      // A full disk can refuse even these few bytes: leave nothing behind.
      await rm(partialDir, { recursive: true, force: true });
      throw error;
    }
    return { name, partialDir };
  }
}

async function exists(target: string): Promise<boolean> {
  return stat(target).then(
    () => true,
    () => false,
  );
}
