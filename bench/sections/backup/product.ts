/**
 * The backup engine as `byov` and the server run it: the compiled build. Under tsx, every worker
 * thread the engine starts (the snapshot's check, the restore's test open) compiles its modules
 * again, which added 0.6–0.8 s to each timed backup and restore that users never pay.
 */
import type * as CreateBackup from '../../../src/backup/create-backup.js';
import type * as ResolveBackup from '../../../src/backup/resolve-backup.js';
import type * as RestoreBackup from '../../../src/backup/restore-backup.js';
import type * as ConfigModule from '../../../src/config.js';
import type * as RuntimeModule from '../../../src/runtime.js';
import { buildIfStale, importBuilt } from '../../lib/built-server.js';

export interface BuiltBackupEngine {
  createBackup: typeof CreateBackup.createBackup;
  restoreBackup: typeof RestoreBackup.restoreBackup;
  resolveBackup: typeof ResolveBackup.resolveBackup;
  loadConfig: typeof ConfigModule.loadConfig;
  openRuntime: typeof RuntimeModule.openRuntime;
}

export async function loadBuiltBackupEngine(): Promise<BuiltBackupEngine> {
  buildIfStale();
  const [create, restore, resolve, config, runtime] = await Promise.all([
    importBuilt<typeof CreateBackup>('backup/create-backup.js'),
    importBuilt<typeof RestoreBackup>('backup/restore-backup.js'),
    importBuilt<typeof ResolveBackup>('backup/resolve-backup.js'),
    importBuilt<typeof ConfigModule>('config.js'),
    importBuilt<typeof RuntimeModule>('runtime.js'),
  ]);
  return {
    createBackup: create.createBackup,
    restoreBackup: restore.restoreBackup,
    resolveBackup: resolve.resolveBackup,
    loadConfig: config.loadConfig,
    openRuntime: runtime.openRuntime,
  };
}
