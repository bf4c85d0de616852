import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import { sha256File } from '../files/durable-fs.js';
import type { LegacyDataset, LegacySourceKind } from './legacy-dataset.js';
import { readLegacyJson } from './read-legacy-json.js';
import { readLegacySqlite } from './read-legacy-sqlite.js';

export interface LegacySource {
  kind: LegacySourceKind;
  /** The database or JSON file the rows are read from. */
  file: string;
  /** SHA-256 of that file, recorded in every imported enrollment's audit event. */
  sha256: string;
  /** Where the rows' relative file paths (`uploads/…`, `pdfs/…`) are looked up; null: nowhere. */
  filesRoot: string | null;
  /** How `filesRoot` was chosen. */
  filesRootFrom: 'installation' | 'option' | 'beside-backups' | 'none';
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/**
 * Works out what `source` is: an earlier installation folder (its `data/byov.db`, with the
 * `uploads/` and `pdfs/` trees beside `data/`), a copy of its database (`byov_backup_*.db`) or
 * a JSON backup. Files are looked up under `uploads` when given; otherwise under the
 * installation folder, or, for a backup still in `<installation>/data/backups/`, that installation.
 */
export async function locateLegacySource(source: string, uploads?: string): Promise<LegacySource> {
  const target = path.resolve(source);
  const info = await stat(target).catch(() => undefined);
  if (!info) throw new AppError('NOT_FOUND', `There is no file or folder at ${source}.`);
  const option = uploads === undefined ? undefined : await requireFolder(uploads);
  if (info.isDirectory()) {
    const file = await findInstallationDatabase(target);
    return {
      kind: 'installation',
      file,
      sha256: await sha256File(file),
      filesRoot: option ?? target,
      filesRootFrom: option ? 'option' : 'installation',
    };
  }
  const kind = await sniffLegacyFile(target);
  if (!kind) {
    throw new AppError(
      'BACKUP_INVALID',
      `${source} is neither an SQLite database nor a JSON backup of the earlier version.`,
    );
  }
  const beside = option ? undefined : await installationAroundBackups(target);
  return {
    kind,
    file: target,
    sha256: await sha256File(target),
    filesRoot: option ?? beside ?? null,
    filesRootFrom: option ? 'option' : beside ? 'beside-backups' : 'none',
  };
}

export async function readLegacyDataset(source: LegacySource): Promise<LegacyDataset> {
  return source.kind === 'json-backup' ? readLegacyJson(source.file) : readLegacySqlite(source.file);
}

/** SQLite by its header, JSON by its first character; undefined for anything else. */
export async function sniffLegacyFile(file: string): Promise<'sqlite-backup' | 'json-backup' | undefined> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const start = head.subarray(0, bytesRead);
    if (start.subarray(0, 16).toString('latin1') === SQLITE_MAGIC) return 'sqlite-backup';
    const text = start
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    return text.startsWith('{') ? 'json-backup' : undefined;
  } finally {
    await handle.close();
  }
}

async function findInstallationDatabase(dir: string): Promise<string> {
  for (const candidate of [path.join(dir, 'data', 'byov.db'), path.join(dir, 'byov.db')]) {
    if ((await stat(candidate).catch(() => undefined))?.isFile()) return candidate;
  }
  throw new AppError(
    'NOT_FOUND',
    `${dir} has no data/byov.db: give the earlier installation's folder, or one of its backup files.`,
  );
}

async function requireFolder(dir: string): Promise<string> {
  const target = path.resolve(dir);
  if (!(await stat(target).catch(() => undefined))?.isDirectory()) {
    throw new AppError('VALIDATION_FAILED', `--uploads ${dir} is not a folder.`, { field: 'uploads' });
  }
  return target;
}

/** `<installation>/data/backups/byov_backup_….db`: the installation, if it still has its files. */
async function installationAroundBackups(file: string): Promise<string | undefined> {
  const backups = path.dirname(file);
  const data = path.dirname(backups);
  if (path.basename(backups) !== 'backups' || path.basename(data) !== 'data') return undefined;
  const installation = path.dirname(data);
  for (const tree of ['uploads', 'pdfs']) {
    if ((await stat(path.join(installation, tree)).catch(() => undefined))?.isDirectory()) return installation;
  }
  return undefined;
}
