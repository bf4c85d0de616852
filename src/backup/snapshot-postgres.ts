import { type Kysely, sql } from 'kysely';
import type { Database, TableName } from '../storage/database.js';
import { readSchemaState } from '../storage/migrate.js';
import { presentTables, readSnapshotContents, type SnapshotContents } from './snapshot-contents.js';
import { primaryKeyOf, type SnapshotRow, writeLogicalSnapshot } from './snapshot-rows.js';

const PAGE_ROWS = 1000;

/**
 * Exports every product table to a logical snapshot inside ONE read-only repeatable-read
 * transaction: every page, and the counts returned, see the database at the same instant while
 * the server keeps writing. Rows are paged by primary key, so memory stays bounded.
 */
export async function exportLogicalSnapshot(db: Kysely<Database>, destFile: string): Promise<SnapshotContents> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const schema = await readSchemaState<Database>(trx);
      const tables = await presentTables(trx);
      const header = {
        format: 'byov-logical' as const,
        formatVersion: 1 as const,
        schemaVersion: schema.version,
        tables,
      };
      await writeLogicalSnapshot(destFile, header, allPages(trx, tables));
      return readSnapshotContents(trx);
    });
}

async function* allPages(trx: Kysely<Database>, tables: TableName[]): AsyncGenerator<SnapshotRow[]> {
  for (const table of tables) yield* pagesOf(trx, table);
}

async function* pagesOf(trx: Kysely<Database>, table: TableName): AsyncGenerator<SnapshotRow[]> {
  const key = sql.ref(primaryKeyOf(table));
  let after: unknown;
  for (;;) {
    const where = after === undefined ? sql`` : sql`where ${key} > ${after}`;
    const { rows } = await sql<Record<string, unknown>>`
      select * from ${sql.table(table)} ${where} order by ${key} limit ${PAGE_ROWS}`.execute(trx);
    yield rows.map((row) => ({ table, row }));
    if (rows.length < PAGE_ROWS) return;
    after = rows[rows.length - 1]?.[primaryKeyOf(table)];
  }
}
