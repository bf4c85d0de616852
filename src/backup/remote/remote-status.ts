import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from '../../files/durable-fs.js';

/**
 * What this machine last achieved with the remote, kept in the backups folder so `status`,
 * `/health` and the admin overview can tell the age of the newest off-machine copy without
 * asking the remote on every request.
 */
const STATUS_FILE = '.remote-copies.json';

const StatusSchema = z.object({
  lastCopy: z.object({ name: z.string(), createdAt: z.string(), copiedAt: z.string() }).optional(),
  lastFailure: z.object({ name: z.string(), at: z.string(), message: z.string() }).optional(),
});
export type RemoteStatus = z.infer<typeof StatusSchema>;

export async function readRemoteStatus(backupsDir: string): Promise<RemoteStatus> {
  try {
    const parsed = StatusSchema.safeParse(JSON.parse(await readFile(path.join(backupsDir, STATUS_FILE), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export async function recordRemoteCopy(
  backupsDir: string,
  change: { copied: NonNullable<RemoteStatus['lastCopy']> } | { failed: NonNullable<RemoteStatus['lastFailure']> },
): Promise<void> {
  const status = await readRemoteStatus(backupsDir);
  const next: RemoteStatus =
    'copied' in change
      ? // A success clears an older failure; the newest copy is the one with the newest backup.
        {
          lastCopy:
            status.lastCopy && status.lastCopy.createdAt > change.copied.createdAt ? status.lastCopy : change.copied,
        }
      : { ...status, lastFailure: change.failed };
  await writeFileDurably(path.join(backupsDir, STATUS_FILE), `${JSON.stringify(next, null, 2)}\n`);
}
