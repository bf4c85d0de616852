import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../storage/database.js';
import { openDb } from '../storage/db.js';
import { readSchemaState } from '../storage/migrate.js';
import { DEFAULT_CHECKLIST, readChecklistDefinition } from '../storage/repositories/checklist.repository.js';
import type { TargetState } from './plan-legacy-import.js';

/** Migration 0005 added `legacy_id`; a database from before it has imported nothing. */
const LEGACY_COLUMNS_VERSION = 5;

const EMPTY: TargetState = { importedLegacyIds: new Set(), techIds: new Set(), checklist: DEFAULT_CHECKLIST };

/**
 * What the dry run needs to know about this product's database, read without changing it: a
 * SQLite file that does not exist yet is not created, and one that exists is opened read-only.
 */
export async function readTargetStateReadOnly(config: Config): Promise<TargetState> {
  const database = config.database;
  if (database.engine === 'sqlite' && !existsSync(database.file)) return EMPTY;
  const db = openDb(database, { readonly: true });
  try {
    return await readTargetState(db.kysely);
  } finally {
    await db.close();
  }
}

export async function readTargetState(db: Kysely<Database>): Promise<TargetState> {
  const version = (await readSchemaState(db)).version;
  if (version === 0) return EMPTY;
  const techIds = new Set(
    (await db.selectFrom('enrollments').select('tech_id').distinct().execute()).map((r) => r.tech_id),
  );
  const importedLegacyIds =
    version >= LEGACY_COLUMNS_VERSION
      ? new Set(
          (await db.selectFrom('enrollments').select('legacy_id').where('legacy_id', 'is not', null).execute()).map(
            (r) => r.legacy_id as string,
          ),
        )
      : new Set<string>();
  return { importedLegacyIds, techIds, checklist: await readChecklistDefinition(db) };
}
