import { type Kysely, Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { AppError } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index.js';

const MIGRATION_TABLE = 'kysely_migration';

export interface SchemaState {
  /** Number of known migrations applied. */
  version: number;
  /** Names recorded in the database that this version of the product does not know. */
  unknown: string[];
}

/** Reads which migrations a database has, without changing anything. */
export async function readSchemaState<DB>(db: Kysely<DB>): Promise<SchemaState> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) return { version: 0, unknown: [] };
  const rows = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db);
  const names = rows.rows.map((r) => r.name);
  const known = Object.keys(MIGRATIONS);
  return { version: names.filter((n) => known.includes(n)).length, unknown: names.filter((n) => !known.includes(n)) };
}

/** Refuses, without touching it, a database that a newer release has migrated. */
export function assertSchemaNotNewer(state: SchemaState): void {
  if (state.unknown.length > 0) {
    throw new AppError(
      'SCHEMA_TOO_NEW',
      `The database was written by a newer version of BYOV Enrollment (it has ${state.unknown.length} ` +
        `migration(s) this version does not know, e.g. "${state.unknown[0]}"). It has been left untouched. ` +
        'Upgrade the application, or restore a backup made by this version.',
    );
  }
}

/**
 * Brings a database to `targetVersion` (default: the newest). Returns the names applied.
 * Checks for a newer schema first so an old binary never "repairs" a newer database.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, targetVersion = SCHEMA_VERSION): Promise<string[]> {
  assertSchemaNotNewer(await readSchemaState(db));
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const target = Object.keys(MIGRATIONS)[targetVersion - 1];
  const result = target === undefined ? await migrator.migrateTo(NO_MIGRATIONS) : await migrator.migrateTo(target);
  if (result.error) {
    // A migration that knows what the operator must do says so in an AppError; pass that on.
    const reason = result.error instanceof AppError ? ` ${result.error.message}` : '';
    throw new AppError(
      'INTERNAL',
      `A database migration failed; the database was rolled back to its previous version.${reason}`,
      { cause: result.error },
    );
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
