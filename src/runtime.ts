import { mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { FileStore } from './files/file-store.js';
import { LocalFileStore } from './files/local-file-store.js';
import { type Db, openDb } from './storage/db.js';
import { assertSchemaNotNewer, migrateToLatest, readSchemaState } from './storage/migrate.js';

/** Everything a role (the server or a CLI command) works with, built once from the config. */
export interface Runtime {
  readonly config: Config;
  readonly db: Db;
  readonly files: FileStore;
  readonly now: () => Date;
  close(): Promise<void>;
}

/**
 * Opens the database and file store. With `migrate`, brings the schema up to date; without,
 * only checks that the database is not from a newer release (which is refused untouched).
 */
export async function openRuntime(config: Config, options: { migrate: boolean; logger?: Logger }): Promise<Runtime> {
  const paths = config.paths;
  // The database first: a foreign one is refused before anything is created beside it.
  const db = openDb(config.database, {
    onConnectionError: (error) => options.logger?.warn({ err: error }, 'database connection lost; reconnecting'),
  });
  for (const dir of [config.dataDir, paths.files, paths.backups]) mkdirSync(dir, { recursive: true });
  let files: FileStore;
  try {
    files = await openFileStore(config);
    if (options.migrate) {
      const applied = await migrateToLatest(db.kysely);
      if (applied.length > 0) options.logger?.info({ applied }, 'database migrated');
    } else {
      assertSchemaNotNewer(await readSchemaState(db.kysely));
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    config,
    db,
    files,
    now: () => new Date(),
    close: async () => {
      files.close?.();
      await db.close();
    },
  };
}

/**
 * The configured file store. The object store's module (and the AWS SDK it brings) is loaded
 * only when configured, so installs that keep files on local disk never load it.
 */
export async function openFileStore(config: Config): Promise<FileStore> {
  const paths = config.paths;
  if (config.fileStore.kind === 'local') return new LocalFileStore(paths.files, paths.uploadsStaging);
  const { openS3FileStore } = await import('./files/s3-file-store.js');
  return openS3FileStore(config.fileStore.s3, paths.uploadsStaging);
}
