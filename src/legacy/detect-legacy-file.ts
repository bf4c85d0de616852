import { readFile, stat } from 'node:fs/promises';
import SqliteDatabase from 'better-sqlite3';
import { AppError } from '../errors.js';
import { sniffLegacyFile } from './locate-legacy-source.js';
import { isLegacyJsonBackup } from './read-legacy-json.js';

const MAX_JSON_BYTES = 256 * 1024 * 1024;

/**
 * True when `file` is the earlier (Python) version's database or one of its backups: an SQLite
 * file whose `enrollments` table has the earlier `submission_date` column and no migrations of
 * this product, or a JSON document with an `enrollments` list. Read-only; never throws.
 */
export async function isEarlierVersionFile(file: string): Promise<boolean> {
  try {
    const kind = await sniffLegacyFile(file);
    if (kind === 'sqlite-backup') return hasEarlierSchema(file);
    if (kind === 'json-backup' && (await stat(file)).size <= MAX_JSON_BYTES) {
      return isLegacyJsonBackup(JSON.parse(await readFile(file, 'utf8')));
    }
  } catch {
    // Unreadable files are for the caller's own checks to report.
  }
  return false;
}

function hasEarlierSchema(file: string): boolean {
  const sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const tables = new Set(
      sqlite
        .prepare("select name from sqlite_master where type = 'table'")
        .all()
        .map((r) => (r as { name: string }).name),
    );
    if (!tables.has('enrollments') || tables.has('kysely_migration')) return false;
    const columns = sqlite.prepare("select name from pragma_table_info('enrollments')").all() as { name: string }[];
    return columns.some((c) => c.name === 'submission_date');
  } finally {
    sqlite.close();
  }
}

/** Restore's answer to an earlier-version file: where its data can go instead. */
export async function assertNotEarlierVersionFile(file: string, shownAs: string): Promise<void> {
  if (!(await isEarlierVersionFile(file))) return;
  throw new AppError(
    'BACKUP_INVALID',
    `${shownAs} is a database or backup of the earlier version of BYOV Enrollment, which restore does not read; ` +
      `nothing was changed. Bring its enrollments and files over with \`byov import-legacy ${file}\` ` +
      '(a dry run that reports what it would import; add --uploads DIR for its files and --apply to import).',
  );
}
