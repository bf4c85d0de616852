import { type Kysely, sql } from 'kysely';
import { type Database, TABLES, type TableName } from '../storage/database.js';
import { readSchemaState } from '../storage/migrate.js';
import { listDraftReferencedFiles } from '../storage/repositories/draft.repository.js';

/** Tables every database of this product has had since schema version 1; later ones may be absent. */
const REQUIRED_TABLES: readonly TableName[] = [
  'settings',
  'enrollments',
  'documents',
  'checklist_tasks',
  'audit_events',
];

/** A file named by a snapshot's rows: its key, its size, and one row naming it (for messages). */
export interface ReferencedFile {
  key: string;
  /** As recorded in the row. */
  sizeBytes: number;
  row: { table: 'documents' | 'draft_files'; id: string };
}

/** What a database holds, as far as backups care: schema, row counts and the files it names. */
export interface SnapshotContents {
  schemaVersion: number;
  /** Migrations recorded in the database that this version of the product does not know. */
  unknownMigrations: string[];
  /** Row counts of the product tables the database has (an older schema has fewer). */
  tables: Partial<Record<TableName, number>>;
  /** Distinct files named by documents and draft files, by key. */
  files: ReferencedFile[];
}

/** A referenced file found nowhere (reported for databases without a manifest). */
export interface MissingFile {
  table: ReferencedFile['row']['table'];
  id: string;
  storageKey: string;
}

export function missingFileOf(file: ReferencedFile): MissingFile {
  return { table: file.row.table, id: file.row.id, storageKey: file.key };
}

/** "document 0190…" / "draft file 0190…": how messages point at a row without personal data. */
export function describeRow(row: { table: ReferencedFile['row']['table']; id: string }): string {
  return `${row.table === 'documents' ? 'document' : 'draft file'} ${row.id}`;
}

/** The product tables a database has, in parent-first order. */
export async function presentTables(db: Kysely<Database>): Promise<TableName[]> {
  const names = new Set((await db.introspection.getTables()).map((t) => t.name));
  return TABLES.filter((table) => names.has(table));
}

/** Tables absent from a database that every database of this product has (a hand-made file may be anything). */
export async function findMissingTables(db: Kysely<Database>): Promise<TableName[]> {
  const present = await presentTables(db);
  return REQUIRED_TABLES.filter((table) => !present.includes(table));
}

/** Reads the contents of a database of this product; works on either engine. */
export async function readSnapshotContents(db: Kysely<Database>): Promise<SnapshotContents> {
  const schema = await readSchemaState(db);
  const present = await presentTables(db);
  const tables: SnapshotContents['tables'] = {};
  for (const table of present) {
    const row = await db.selectFrom(table).select(sql<number>`count(*)`.as('count')).executeTakeFirstOrThrow();
    tables[table] = Number(row.count);
  }
  const files = await listDocumentFiles(db);
  if (present.includes('draft_files')) files.push(...(await listDraftFiles(db, new Set(files.map((f) => f.key)))));
  files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { schemaVersion: schema.version, unknownMigrations: schema.unknown, tables, files };
}

async function listDocumentFiles(db: Kysely<Database>): Promise<ReferencedFile[]> {
  const rows = await db
    .selectFrom('documents')
    .select(['storage_key as key', sql<string>`min(id)`.as('id'), sql<number>`max(size_bytes)`.as('sizeBytes')])
    .groupBy('storage_key')
    .execute();
  return rows.map((r) => ({ key: r.key, sizeBytes: Number(r.sizeBytes), row: { table: 'documents', id: r.id } }));
}

/** Draft files are live data too: a restored draft must find its files. */
async function listDraftFiles(db: Kysely<Database>, alreadyListed: Set<string>): Promise<ReferencedFile[]> {
  return (await listDraftReferencedFiles(db))
    .filter((f) => !alreadyListed.has(f.key))
    .map((f) => ({ key: f.key, sizeBytes: f.sizeBytes, row: { table: 'draft_files', id: f.draftFileId } }));
}
