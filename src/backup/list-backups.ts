import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import { BlobChecks } from './blob-checks.js';
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
  /** Files the backup records as missing or damaged when it was taken ("verified with N known problems"). */
  knownProblems: number;
  /** A safety backup of live data that could not all be read: never counted as a verified backup. */
  partial: boolean;
  /** Blobs it names that a later check found missing or damaged (then it is not called verified). */
  badBlobs: number;
}

/** A folder that looks like a backup but whose manifest cannot be read: shown, never pruned. */
export interface DamagedBackup {
  name: string;
  path: string;
  problem: string;
}

/**
 * The backups in `backupsDir`, newest first. Only folders with a valid manifest count: work in
 * progress and leftovers (names starting with a dot) and damaged folders are not backups.
 */
export async function listBackups(backupsDir: string): Promise<BackupListing[]> {
  return (await scanBackups(backupsDir)).listings;
}

/** Backup folders whose manifest cannot be read; `list` names them and `prune` keeps every blob for them. */
export async function listDamagedBackups(backupsDir: string): Promise<DamagedBackup[]> {
  return (await scanBackups(backupsDir)).damaged;
}

async function scanBackups(backupsDir: string): Promise<{ listings: BackupListing[]; damaged: DamagedBackup[] }> {
  const entries = await readdir(backupsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const badBlobs = (await BlobChecks.load(backupsDir)).bad();
  const listings: BackupListing[] = [];
  const damaged: DamagedBackup[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !isBackupFolderName(entry.name)) continue;
    const dir = path.join(backupsDir, entry.name);
    const read = await readManifest(dir);
    if (read.ok) listings.push(toListing(dir, read.manifest, await readVerification(dir), badBlobs));
    else damaged.push({ name: entry.name, path: dir, problem: read.problem });
  }
  listings.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.name.localeCompare(a.name));
  return { listings, damaged: damaged.sort((a, b) => b.name.localeCompare(a.name)) };
}

function toListing(
  dir: string,
  manifest: BackupManifest,
  verification: Awaited<ReturnType<typeof readVerification>>,
  knownBad: ReadonlySet<string>,
): BackupListing {
  const badBlobs = manifest.files.filter((f) => knownBad.has(f.sha256)).length;
  const partial = manifest.partial !== undefined;
  return {
    name: path.basename(dir),
    kind: manifest.kind,
    createdAt: new Date(manifest.createdAt),
    engine: manifest.engine,
    schemaVersion: manifest.schemaVersion,
    appVersion: manifest.appVersion,
    // A blob found bad since (by any command) makes the last verdict stale; a partial backup
    // holds only what could be read, so it is never "verified".
    verified: partial || badBlobs > 0 ? false : (verification?.ok ?? null),
    verifiedAt: verification?.verifiedAt ?? null,
    sizeBytes: manifest.snapshot.bytes + manifest.totalFileBytes,
    snapshotBytes: manifest.snapshot.bytes,
    totalFileBytes: manifest.totalFileBytes,
    enrollments: manifest.tables.enrollments ?? 0,
    documents: manifest.tables.documents ?? 0,
    files: manifest.files.length,
    path: dir,
    knownProblems: manifest.partial?.problems.length ?? manifest.knownProblems?.length ?? 0,
    partial,
    badBlobs,
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
  const manifest = await readBackupManifest(listing);
  // A known-problem blob may be the damaged last copy of those bytes: it stays while a backup names it.
  return new Set([...manifest.files, ...(manifest.knownProblems ?? [])].map((f) => f.sha256));
}
