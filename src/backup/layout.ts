import path from 'node:path';

/**
 * Where things live inside `data/backups/`. A backup is a folder `<name>/` holding the snapshot,
 * `manifest.json` and `verification.json`; file contents are kept once, by SHA-256, in `blobs/`.
 * Anything whose name starts with a dot is work in progress (or its leftover) and never a backup.
 */
export const MANIFEST_FILE = 'manifest.json';
export const VERIFICATION_FILE = 'verification.json';
export const BLOBS_DIR = 'blobs';
export const PARTIAL_PREFIX = '.partial-';
export const DELETING_PREFIX = '.deleting-';
/** Inside a `.partial-` folder: the PID of the process building it. */
export const OWNER_FILE = '.owner.pid';
/** Staging area for blob copies: on the same file system as `blobs/`, so committing is a rename. */
export const BLOB_STAGING_DIR = '.blob-staging';
/** The one-writer lock of the backups folder (see backup-store-lock.ts). */
export const LOCK_FILE = '.lock';

export type SnapshotFormat = 'sqlite' | 'jsonl';

/** SQLite backups carry a SQLite file; PostgreSQL backups an engine-neutral JSON-lines export. */
export const SNAPSHOT_FILE: Record<SnapshotFormat, string> = {
  sqlite: 'database.sqlite',
  jsonl: 'database.jsonl',
};

export function snapshotFormatOf(engine: 'sqlite' | 'postgres'): SnapshotFormat {
  return engine === 'sqlite' ? 'sqlite' : 'jsonl';
}

/** The blob store of a backups folder; a backup folder's blobs are always its sibling `blobs/`. */
export function blobsDirOf(backupsDir: string): string {
  return path.join(backupsDir, BLOBS_DIR);
}

const STORAGE_KEY = /^[0-9a-f]{64}$/;

/**
 * Storage keys come from snapshots, which may be damaged or hand-made; checking the shape
 * before turning one into a path keeps a key like `../../x` from reaching the file system.
 */
export function isStorageKey(value: string): boolean {
  return STORAGE_KEY.test(value);
}

/** Names a user may see in `list`: not hidden, not the blob store. */
export function isBackupFolderName(name: string): boolean {
  return !name.startsWith('.') && name !== BLOBS_DIR;
}
