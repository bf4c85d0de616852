import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import type { OnProgress } from '../progress.js';
import { type RestoreSummary, restoreBackup } from '../restore-backup.js';
import { fetchRemoteBackup } from './fetch-remote-backup.js';
import { resolveRemoteName } from './list-remote-backups.js';
import { loadNamingKey, saveNamingKey } from './remote-crypto.js';
import { openConfiguredRemote } from './remote-target.js';

/**
 * `byov restore --remote <name|latest>`: downloads and opens the backup (refusing it whole if any
 * object is missing, damaged or unopenable), then restores it exactly like a local backup: full
 * verification, a safety backup of whatever is here, files into the configured store, the
 * database swapped last. Works on a bare machine with only the configuration and the identity;
 * afterwards the machine keeps the remote's naming key, so its next copies send only new files.
 */
export async function restoreRemoteBackup(
  config: Config,
  reference: string,
  identities: readonly string[] | null,
  onProgress?: OnProgress,
): Promise<RestoreSummary & { remote: string }> {
  const { remote, target } = openConfiguredRemote(config);
  try {
    const name = await resolveRemoteName(target, reference);
    const fetched = await fetchRemoteBackup(config.dataDir, target, name, identities, onProgress);
    try {
      if (!fetched.source || !fetched.contents || fetched.problems.length > 0) {
        throw new AppError(
          'BACKUP_INVALID',
          `Remote backup ${name} cannot be restored; nothing was changed:\n  - ${fetched.problems.join('\n  - ')}`,
          { details: fetched.problems },
        );
      }
      const summary = await restoreBackup(config, fetched.source, { onProgress });
      if (!(await loadNamingKey(config.paths.backups))) {
        await saveNamingKey(config.paths.backups, fetched.contents.namingKey);
      }
      return { ...summary, source: `${name} (from ${remote.url})`, remote: remote.url };
    } finally {
      await fetched.remove();
    }
  } finally {
    target.close();
  }
}
