import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { isProcessAlive } from '../storage/data-folder-lock.js';
import { DELETING_PREFIX, OWNER_FILE, PARTIAL_PREFIX } from './layout.js';

/** A `.partial-` folder without an owner file is being claimed right now, unless it is this old. */
const UNOWNED_GRACE_MS = 60_000;
const STAGING_GRACE_MS = 60 * 60 * 1000;

/**
 * Removes what killed runs left in `backupsDir`: unfinished `.partial-*` folders whose builder
 * is gone, `.deleting-*` folders of interrupted removals, and stale blob staging files. Backups
 * being built by a live process (a scheduled backup in the server, say) are left alone.
 */
export async function removeLeftovers(
  backupsDir: string,
  blobs: { sweepStaging(olderThanMs: number): Promise<number> },
): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(backupsDir).catch(() => [] as string[])) {
    const target = path.join(backupsDir, name);
    const abandoned =
      name.startsWith(DELETING_PREFIX) || (name.startsWith(PARTIAL_PREFIX) && (await isAbandoned(target)));
    if (abandoned) {
      await rm(target, { recursive: true, force: true });
      removed.push(name);
    }
  }
  await blobs.sweepStaging(STAGING_GRACE_MS);
  return removed;
}

async function isAbandoned(partialDir: string): Promise<boolean> {
  const owner = await readFile(path.join(partialDir, OWNER_FILE), 'utf8').catch(() => undefined);
  if (owner === undefined) {
    const info = await stat(partialDir).catch(() => undefined);
    return info !== undefined && Date.now() - info.mtimeMs > UNOWNED_GRACE_MS;
  }
  const pid = Number.parseInt(owner, 10);
  return !(Number.isInteger(pid) && isProcessAlive(pid));
}
