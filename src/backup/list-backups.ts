import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import { isBackupFolderName } from './layout.js';
import { type BackupKind, type BackupManifest, readManifest, readVerification } from './manifest.js';

export interface BackupListing {
  name: string;
  kind: BackupKind;
  createdAt: Date;
  engine: 'sqlite' | 'postgres';
  schemaVersion: number;
  appVersion: string;
  /** The outcome of the latest verification; null when it was never verified. */
  verified: boolean | null;
  verifiedAt: string | null;
  /** Snapshot plus the files it names (files are shared with other backups in the blob store). */
  sizeBytes: number;
  snapshotBytes: number;
  totalFileBytes: number;
  enrollments: number;
  documents: number;
  files: number;
  path: string;
}

/**
 * The backups in `backupsDir`, newest first. Only folders with a valid manifest count: work in
 * progress and leftovers (names starting with a dot) and damaged folders are not backups.
 */
export async function listBackups(backupsDir: string): Promise<BackupListing[]> {
  const entries = await readdir(backupsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const listings: BackupListing[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !isBackupFolderName(entry.name)) continue;
    const dir = path.join(backupsDir, entry.name);
    const read = await readManifest(dir);
    if (read.ok) listings.push(toListing(dir, read.manifest, await readVerification(dir)));
  }
  return listings.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.name.localeCompare(a.name));
}

function toListing(
  dir: string,
  manifest: BackupManifest,
  verification: Awaited<ReturnType<typeof readVerification>>,
): BackupListing {
  return {
    name: path.basename(dir),
    kind: manifest.kind,
    createdAt: new Date(manifest.createdAt),
    engine: manifest.engine,
    schemaVersion: manifest.schemaVersion,
    appVersion: manifest.appVersion,
    verified: verification?.ok ?? null,
    verifiedAt: verification?.verifiedAt ?? null,
    sizeBytes: manifest.snapshot.bytes + manifest.totalFileBytes,
    snapshotBytes: manifest.snapshot.bytes,
    totalFileBytes: manifest.totalFileBytes,
    enrollments: manifest.tables.enrollments ?? 0,
    documents: manifest.tables.documents ?? 0,
    files: manifest.files.length,
    path: dir,
  };
}

/** The manifest of a listed backup (read again: listings do not keep the file lists in memory). */
export async function readBackupManifest(listing: Pick<BackupListing, 'path'>): Promise<BackupManifest> {
  const read = await readManifest(listing.path);
  if (!read.ok) throw new AppError('BACKUP_INVALID', `${path.basename(listing.path)}: ${read.problem}`);
  return read.manifest;
}

/** The blob keys a backup needs; a blob no kept backup needs may be deleted. */
export async function blobsReferencedBy(listing: Pick<BackupListing, 'path'>): Promise<Set<string>> {
  return new Set((await readBackupManifest(listing)).files.map((f) => f.sha256));
}
