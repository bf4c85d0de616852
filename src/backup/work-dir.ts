import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { isProcessAlive } from '../storage/data-folder-lock.js';

/**
 * Scratch space for checking or restoring a backup: `<dataDir>/tmp/backup-work/<pid>-<random>`.
 * It lives on the data disk, which has room for a database copy (a RAM-backed /tmp may not),
 * and the folders of runs that were killed are removed by the next run.
 */
export async function createWorkDir(dataDir: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const root = path.join(dataDir, 'tmp', 'backup-work');
  await mkdir(root, { recursive: true });
  for (const name of await readdir(root)) {
    const owner = Number.parseInt(name, 10);
    if (!Number.isInteger(owner) || !isProcessAlive(owner))
      await rm(path.join(root, name), { recursive: true, force: true });
  }
  const dir = await mkdtemp(path.join(root, `${process.pid}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
