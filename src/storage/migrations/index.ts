import type { Migration } from 'kysely';
import * as initialSchema from './0001_initial_schema.js';

/**
 * Every migration, in order. Listed statically (not read from a folder) so the same list works
 * from the TypeScript sources and from the compiled output. The schema version of a database is
 * the number of these that have been applied to it.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial_schema': initialSchema,
};

export const SCHEMA_VERSION = Object.keys(MIGRATIONS).length;
