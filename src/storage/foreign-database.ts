import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { AppError } from '../errors.js';

const SQLITE_MAGIC = 'SQLite format 3\0';
/** Header bytes 18 and 19 (file format write/read version) are 2 in WAL mode. */
const WAL_VERSION = 2;
const MIGRATION_TABLE = 'kysely_migration';

type Verdict = 'ours' | 'earlier-version' | 'other';

/**
 * Refuses, before anything writes to it, an SQLite file this product did not create: one with
 * tables but no migration history, such as the earlier (Python) version's `byov.db`. A writable
 * open would switch it to WAL mode, gather planner statistics in it and the migrator would add
 * its tables; the file must stay byte for byte as it was. An empty or new file is ours, and a
 * file that cannot be read is left to the normal open to report.
 */
export function assertOwnSqliteDatabase(file: string): void {
  const verdict = inspect(file);
  if (verdict === 'ours' || verdict === undefined) return;
  if (verdict === 'earlier-version') {
    throw new AppError(
      'FOREIGN_DATABASE',
      `${file} is the database of the earlier version of BYOV Enrollment. It was only read and is unchanged. ` +
        'Point DATA_DIR (or DATABASE_URL) at a new location, then bring its enrollments and files over with ' +
        '`byov import-legacy <its installation folder>` (a dry run; add --apply to import).',
    );
  }
  throw new AppError(
    'FOREIGN_DATABASE',
    `${file} is an SQLite database that BYOV Enrollment did not create (it has tables but no migration history). ` +
      'It was only read and is unchanged. Point DATABASE_URL at this product’s database or at a new file. ' +
      'For a database of the earlier version, use `byov import-legacy`.',
  );
}

function inspect(file: string): Verdict | undefined {
  const header = readHeader(file);
  if (!header || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) return undefined;
  // A read-only connection to a WAL database creates -wal and -shm beside it; they are removed
  // again unless the file turns out to be ours (the writable open uses them anyway).
  const sideFiles = header[18] === WAL_VERSION ? [`${file}-wal`, `${file}-shm`].filter((f) => !existsSync(f)) : [];
  let verdict: Verdict | undefined;
  try {
    verdict = classify(file);
  } catch {
    verdict = undefined;
  } finally {
    if (verdict !== 'ours') for (const side of sideFiles) rmSync(side, { force: true });
  }
  return verdict;
}

function readHeader(file: string): Buffer | undefined {
  try {
    if (statSync(file).size === 0) return undefined;
    const fd = openSync(file, 'r');
    try {
      const header = Buffer.alloc(100);
      return readSync(fd, header, 0, 100, 0) === 100 ? header : undefined;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

function classify(file: string): Verdict {
  const sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const tables = new Set(
      (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[])
        .map((r) => r.name)
        .filter((name) => !name.startsWith('sqlite_')),
    );
    if (tables.size === 0 || tables.has(MIGRATION_TABLE)) return 'ours';
    if (!tables.has('enrollments')) return 'other';
    const columns = sqlite.prepare("select name from pragma_table_info('enrollments')").all() as { name: string }[];
    return columns.some((c) => c.name === 'submission_date') ? 'earlier-version' : 'other';
  } finally {
    sqlite.close();
  }
}
