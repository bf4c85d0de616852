import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Database } from './database.js';
import { assertOwnSqliteDatabase } from './foreign-database.js';

export type Engine = 'sqlite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly engine: Engine;
  close(): Promise<void>;
}

// PostgreSQL returns BIGINT (count(*), sums) as strings; every such value here is far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

/** Opens the configured database. SQLite settings follow DESIGN.md: WAL, full sync, FKs on. */
export interface OpenDbOptions {
  readonly?: boolean;
  onConnectionError?: (error: Error) => void;
}

export function openDb(database: Config['database'], options: OpenDbOptions = {}): Db {
  if (database.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    // A pooled connection that dies while idle (server restart, admin terminate) is dropped by
    // the pool and replaced on next use; without a listener the error would crash the process.
    pool.on('error', (error) => options.onConnectionError?.(error));
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, engine: 'postgres', close: () => kysely.destroy() };
  }
  const sqlite = openSqliteFile(database.file, options.readonly ?? false);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { kysely, engine: 'sqlite', close: () => kysely.destroy() };
}

/** A better-sqlite3 handle with the product's durability settings. */
export function openSqliteFile(file: string, readonly = false): SqliteDatabase.Database {
  if (!readonly) {
    mkdirSync(path.dirname(file), { recursive: true });
    assertOwnSqliteDatabase(file);
  }
  const sqlite = new SqliteDatabase(file, { readonly, fileMustExist: readonly });
  sqlite.pragma('busy_timeout = 10000');
  if (!readonly) {
    sqlite.pragma('journal_mode = WAL');
    // better-sqlite3 is built with WAL defaulting to NORMAL, which may lose the last commits on
    // power loss; an acknowledged submission must survive that, so every commit is synced.
    sqlite.pragma('synchronous = FULL');
  }
  sqlite.pragma('foreign_keys = ON');
  // Without table statistics the planner sorts the whole enrollment list in a temporary
  // B-tree instead of walking an index (about 15x slower at 100k rows). This lets SQLite
  // run ANALYZE where its statistics are missing or stale, cheaply, on every open.
  if (!readonly) sqlite.pragma('optimize = 0x10002');
  return sqlite;
}
