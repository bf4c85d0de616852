import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { type Database, TABLES, type TableName } from '../storage/database.js';
import { openSqliteFile } from '../storage/db.js';
import type { SnapshotFormat } from './layout.js';

/**
 * The one place where rows move between engines: read from either snapshot format, written to
 * either engine. Every column is TEXT or INTEGER on both engines, so rows copy as they are.
 *
 * The logical format (`database.jsonl`) is a header line, then one `{"t": table, "r": row}` per
 * line, tables in parent-first order.
 */
export interface SnapshotRow {
  table: TableName;
  row: Record<string, unknown>;
}

export const LogicalHeaderSchema = z.object({
  format: z.literal('byov-logical'),
  formatVersion: z.literal(1),
  schemaVersion: z.number().int().nonnegative(),
  // Any table name: a snapshot from a newer version is recognised as such (by its schema
  // version) rather than rejected as unreadable.
  tables: z.array(z.string().regex(/^[a-z_]+$/)),
});
export type LogicalHeader = z.infer<typeof LogicalHeaderSchema>;

/** The column rows are ordered and paged by: `id`, the product's convention, except where noted. */
export function primaryKeyOf(table: TableName): string {
  return table === 'settings' ? 'key' : 'id';
}

function readOrderOf(table: TableName): string {
  // A revision names the one before it, so earlier revisions go first: inserts into a database
  // that enforces foreign keys (PostgreSQL) then never meet a child before its parent.
  return table === 'enrollments' ? 'revision, id' : primaryKeyOf(table);
}

/** Rows of every product table, parents first, from a snapshot file; never all in memory. */
export function readSnapshotRows(file: string, format: SnapshotFormat): AsyncIterable<SnapshotRow> {
  return format === 'sqlite' ? readSqliteRows(file) : readLogicalRows(file);
}

async function* readSqliteRows(file: string): AsyncGenerator<SnapshotRow> {
  const sqlite = openSqliteFile(file, true);
  try {
    const present = new Set(
      sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[],
    );
    // An older schema lacks the newer tables; TABLES keeps parents before children.
    for (const table of TABLES.filter((t) => present.has(t))) {
      const statement = sqlite.prepare(`select * from "${table}" order by ${readOrderOf(table)}`);
      for (const row of statement.iterate()) yield { table, row: row as Record<string, unknown> };
    }
  } finally {
    sqlite.close();
  }
}

/** The logical snapshot's first line, checked. */
export async function readLogicalHeader(file: string): Promise<LogicalHeader> {
  for await (const { line } of readLines(file)) return parseHeader(line);
  throw invalidSnapshot('the file is empty');
}

async function* readLogicalRows(file: string): AsyncGenerator<SnapshotRow> {
  let header: LogicalHeader | undefined;
  for await (const { line, number } of readLines(file)) {
    if (header === undefined) {
      header = parseHeader(line);
      continue;
    }
    if (line === '') continue;
    const parsed = parseLine(line, number) as { t?: unknown; r?: unknown };
    const table = parsed.t as TableName;
    if (
      !header.tables.includes(table) ||
      !TABLES.includes(table) ||
      typeof parsed.r !== 'object' ||
      parsed.r === null
    ) {
      throw invalidSnapshot(`line ${number} is not a row of a table listed in the header`);
    }
    yield { table, row: parsed.r as Record<string, unknown> };
  }
  if (header === undefined) throw invalidSnapshot('the file is empty');
}

async function* readLines(file: string): AsyncGenerator<{ line: string; number: number }> {
  const input = createReadStream(file, 'utf8');
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  try {
    for await (const line of lines) yield { line, number: ++number };
  } finally {
    // Closing readline leaves its input open when the reader stops early (after the header).
    input.destroy();
  }
}

function parseHeader(line: string): LogicalHeader {
  const parsed = LogicalHeaderSchema.safeParse(parseLine(line, 1));
  if (!parsed.success) throw invalidSnapshot('its first line is not a BYOV logical snapshot header');
  return parsed.data;
}

function parseLine(line: string, number: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    // JSON.parse quotes the text in its message, and rows hold personal data: give the line only.
    throw invalidSnapshot(`line ${number} is not valid JSON (truncated or damaged)`);
  }
}

function invalidSnapshot(reason: string): AppError {
  return new AppError('BACKUP_INVALID', `The logical snapshot cannot be read: ${reason}.`);
}

/** Writes a logical snapshot from pages of rows, then syncs it; the caller renames or publishes it. */
export async function writeLogicalSnapshot(
  file: string,
  header: LogicalHeader,
  pages: AsyncIterable<SnapshotRow[]>,
): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.write(`${JSON.stringify(header)}\n`);
    for await (const page of pages) {
      if (page.length > 0)
        await handle.write(`${page.map((r) => JSON.stringify({ t: r.table, r: r.row })).join('\n')}\n`);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Inserts rows in batches (one statement per batch and table). 500 rows of the widest table
 * stay well under both engines' limits on bound parameters. Run it inside a transaction.
 */
export async function insertRows(
  db: Kysely<Database>,
  rows: AsyncIterable<SnapshotRow>,
  batchSize = 500,
): Promise<Record<TableName, number>> {
  const counts = Object.fromEntries(TABLES.map((t) => [t, 0])) as Record<TableName, number>;
  let table: TableName | undefined;
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (table === undefined || batch.length === 0) return;
    // Rows are checked by the database itself (columns, types, constraints), not by TypeScript.
    await db
      .insertInto(table)
      .values(batch as never)
      .execute();
    counts[table] += batch.length;
    batch = [];
  };
  for await (const item of rows) {
    if (item.table !== table || batch.length >= batchSize) {
      await flush();
      table = item.table;
    }
    batch.push(item.row);
  }
  await flush();
  return counts;
}
