import { type Kysely, sql } from 'kysely';
import { FILE_COPY_CONCURRENCY, forEachConcurrently } from '../files/for-each-concurrently.js';
import type { Runtime } from '../runtime.js';
import type { Database } from '../storage/database.js';
import { checkStoredFile } from './blob-store.js';
import { isStorageKey } from './layout.js';
import { type OnProgress, step } from './progress.js';
import { presentTables, type ReferencedFile, readSnapshotContents } from './snapshot-contents.js';

/** A stored file that is missing or no longer matches its hash, and whom it affects. */
export interface FileProblem {
  storageKey: string;
  problem: 'missing' | 'damaged';
  /** Enrollments with a document naming the file. */
  enrollmentIds: string[];
  documentIds: string[];
  /** Drafts with an upload naming the file (not yet enrollments). */
  draftIds: string[];
}

export interface CheckReport {
  ok: boolean;
  checkedAt: string;
  /** One sentence per database problem (integrity, foreign keys, unreadable tables). */
  database: string[];
  files: { checked: number; problems: FileProblem[] };
}

/**
 * Checks the live data: the database (SQLite `integrity_check` and `foreign_key_check`;
 * PostgreSQL: every product table readable and every constraint validated) and the stored
 * files, each re-hashed. `only` limits the files to a slice (the nightly job's share).
 */
export async function checkLiveData(
  runtime: Runtime,
  options: { only?: (key: string) => boolean; onProgress?: OnProgress } = {},
): Promise<CheckReport> {
  const checkedAt = runtime.now().toISOString();
  const db = runtime.db.kysely;
  const database = await step(options.onProgress, 'Database', () => checkDatabase(runtime));
  let files: ReferencedFile[] = [];
  try {
    files = (await readSnapshotContents(db)).files.filter((f) => isStorageKey(f.key));
  } catch (error) {
    database.push(`The stored files cannot be listed: ${(error as Error).message.split('\n')[0]}`);
  }
  if (options.only) files = files.filter((f) => options.only?.(f.key));
  const problems = await step(
    options.onProgress,
    'Files',
    async (advance) => {
      const found: FileProblem[] = [];
      await forEachConcurrently(files, FILE_COPY_CONCURRENCY, async (file) => {
        const state = await checkStoredFile(runtime.files, file.key);
        if (state !== 'ok') found.push(await describeFileProblem(db, file.key, state));
        advance(file.sizeBytes);
      });
      return found.sort((a, b) => (a.storageKey < b.storageKey ? -1 : 1));
    },
    { total: files.reduce((sum, f) => sum + f.sizeBytes, 0), unit: 'bytes' },
  );
  return {
    ok: database.length === 0 && problems.length === 0,
    checkedAt,
    database,
    files: { checked: files.length, problems },
  };
}

async function checkDatabase(runtime: Runtime): Promise<string[]> {
  const db = runtime.db.kysely;
  try {
    if (runtime.db.engine === 'sqlite') {
      const integrity = (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows;
      const problems = integrity
        .map((r) => r.integrity_check)
        .filter((line) => line !== 'ok')
        .map((line) => `integrity_check: ${line}`);
      const broken = (await sql<{ table: string; parent: string }>`pragma foreign_key_check`.execute(db)).rows;
      for (const row of broken) problems.push(`A row of ${row.table} names a missing row of ${row.parent}.`);
      return problems;
    }
    const problems: string[] = [];
    for (const table of await presentTables(db)) {
      await sql`select count(*) from ${sql.table(table)}`.execute(db);
    }
    const invalid = (
      await sql<{ conname: string }>`select conname from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where n.nspname = current_schema() and not c.convalidated`.execute(db)
    ).rows;
    for (const row of invalid) problems.push(`Constraint ${row.conname} is not valid for every row.`);
    return problems;
  } catch (error) {
    return [`The database cannot be read: ${(error as Error).message.split('\n')[0]}`];
  }
}

async function describeFileProblem(
  db: Kysely<Database>,
  storageKey: string,
  problem: 'missing' | 'damaged',
): Promise<FileProblem> {
  const documents = await db
    .selectFrom('documents')
    .select(['id', 'enrollment_id'])
    .where('storage_key', '=', storageKey)
    .orderBy('id')
    .execute();
  const drafts = await db
    .selectFrom('draft_files')
    .select('draft_id')
    .where('storage_key', '=', storageKey)
    .execute()
    .catch(() => [] as { draft_id: string }[]);
  return {
    storageKey,
    problem,
    enrollmentIds: [...new Set(documents.map((d) => d.enrollment_id))].sort(),
    documentIds: documents.map((d) => d.id),
    draftIds: [...new Set(drafts.map((d) => d.draft_id))].sort(),
  };
}
