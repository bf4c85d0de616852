import { type Kysely, PostgresAdapter } from 'kysely';
import type { Database } from './database.js';

/**
 * Whether `SELECT … FOR UPDATE` applies: on PostgreSQL several instances may act on the same
 * rows at once, so a batch they would both take is locked by the first (and skipped by the
 * others); SQLite has one writer at a time, so its transactions never interleave like that.
 */
export function takesRowLocks(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
