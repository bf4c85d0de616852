import type { Config } from '../../config.js';
import { openBlobStore } from '../blob-store.js';
import type { OnProgress } from '../progress.js';
import { type VerificationReport, verifyBackup } from '../verify-backup.js';
import { fetchRemoteBackup } from './fetch-remote-backup.js';
import { resolveRemoteName } from './list-remote-backups.js';
import { openConfiguredRemote } from './remote-target.js';

export interface RemoteVerificationReport {
  name: string;
  remote: string;
  ok: boolean;
  /** Every problem: objects missing, damaged or unopenable, then what the local checks found. */
  problems: string[];
  /** The local checks of the downloaded copy (test open, counts, hashes); null when it could not be rebuilt. */
  local: VerificationReport | null;
}

/**
 * `byov verify --remote`: downloads every object of a remote backup, opens each with the
 * identity, checks each file's hash, and then gives the rebuilt copy the full local verification
 * (snapshot checksum, integrity and foreign-key checks, row counts). Nothing live is touched.
 */
export async function verifyRemoteBackup(
  config: Config,
  reference: string,
  identities: readonly string[] | null,
  onProgress?: OnProgress,
): Promise<RemoteVerificationReport> {
  const { remote, target } = openConfiguredRemote(config);
  try {
    const name = await resolveRemoteName(target, reference);
    const fetched = await fetchRemoteBackup(config.dataDir, target, name, identities, onProgress);
    try {
      let local: VerificationReport | null = null;
      if (fetched.source) {
        const blobs = openBlobStore(fetched.source.backupsDir);
        local = await verifyBackup(fetched.source, { dataDir: config.dataDir, liveFiles: blobs, blobs, onProgress });
      }
      const problems = [...fetched.problems, ...(local?.problems ?? [])];
      return { name, remote: remote.url, ok: problems.length === 0 && local?.ok === true, problems, local };
    } finally {
      await fetched.remove();
    }
  } finally {
    target.close();
  }
}
