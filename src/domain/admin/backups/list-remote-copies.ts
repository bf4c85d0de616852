import { describeError } from '../../../backup/remote/copy-backup-to-remote.js';
import { listRemoteBackups, type RemoteBackupListing } from '../../../backup/remote/list-remote-backups.js';
import { openRemoteTarget } from '../../../backup/remote/remote-target.js';
import type { RemoteBackupConfig } from '../../../config.js';

export type RemoteCopies =
  | { configured: false }
  | { configured: true; remote: string; backups: RemoteBackupListing[]; damaged: string[]; error?: string };

/**
 * The off-machine copies for the backups page: what the remote lists right now (records only, no
 * identity needed). An unreachable remote is reported in the answer, not as a failed page.
 */
export async function listRemoteCopies(remote: RemoteBackupConfig | undefined): Promise<RemoteCopies> {
  if (!remote) return { configured: false };
  const target = openRemoteTarget(remote);
  try {
    const listing = await listRemoteBackups(target);
    return {
      configured: true,
      remote: remote.url,
      backups: listing.backups,
      damaged: listing.damaged.map((d) => d.name),
    };
  } catch (error) {
    return { configured: true, remote: remote.url, backups: [], damaged: [], error: describeError(error) };
  } finally {
    target.close();
  }
}
