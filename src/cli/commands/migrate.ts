import type { Command } from 'commander';
import { describeDatabase } from '../../config.js';
import { openDb } from '../../storage/db.js';
import { migrateToLatest, readSchemaState } from '../../storage/migrate.js';
import { SCHEMA_VERSION } from '../../storage/migrations/index.js';
import { runCommand } from '../run-command.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date (the server also does this at start)')
    .option('--json', 'print the result as JSON')
    .action(
      runCommand(async ({ config, json }) => {
        const db = openDb(config.database);
        try {
          const applied = await migrateToLatest(db.kysely);
          const { version } = await readSchemaState(db.kysely);
          if (json) console.log(JSON.stringify({ applied, schemaVersion: version }));
          else {
            console.log(`Database: ${db.engine} at ${describeDatabase(config.database)}`);
            console.log(
              applied.length > 0
                ? `Applied ${applied.length} migration(s): ${applied.join(', ')}. Schema version is now ${version}.`
                : `Already up to date (schema version ${version} of ${SCHEMA_VERSION}).`,
            );
          }
          return 0;
        } finally {
          await db.close();
        }
      }),
    );
}
