import path from 'node:path';
import type { FileStore } from '../files/file-store.js';
import { forEachConcurrently } from '../files/for-each-concurrently.js';
import { withBackupStoreLock } from './backup-store-lock.js';
import { BlobChecks, type BlobFileStat, statBlob } from './blob-checks.js';
import { checkStoredFile, openBlobStore } from './blob-store.js';
import { checkManagedSnapshot, openCopy } from './check-snapshot.js';
import type { DatabaseInspection } from './inspect-database.js';
import { isStorageKey } from './layout.js';
import { locateFiles } from './locate-files.js';
import { type BackupManifest, type KnownProblem, readManifest, writeVerification } from './manifest.js';
import { type OnProgress, step } from './progress.js';
import type { BackupSource } from './resolve-backup.js';
import { describeRow, type MissingFile, missingFileOf, type SnapshotContents } from './snapshot-contents.js';
import { createWorkDir } from './work-dir.js';

export interface VerificationReport {
  ok: boolean;
  /** One readable sentence per problem found; all of them, not just the first. */
  problems: string[];
  /** Keys of the backup's blobs that are missing from the blob store or no longer match their hash. */
  badBlobs: string[];
  /** For a database without a manifest: rows whose file is in neither the live store nor the blob store. */
  missingFiles: MissingFile[];
  manifest: BackupManifest | null;
  contents: SnapshotContents | null;
  verifiedAt: string;
  /** Files the backup itself records as missing or damaged: it restores without them. */
  knownProblems: KnownProblem[];
}

export interface VerifyOptions {
  /** The data folder, whose tmp/ holds the checked copy of the database. */
  dataDir: string;
  /** Where the checked copy of the database is made instead (restore builds the new database there). */
  databaseCopy?: string;
  /** The live file store, searched for the files of a database that has no manifest. */
  liveFiles: FileStore;
  /** The blob store searched for the files of a database that has no manifest (a backup folder uses its own). */
  blobs: FileStore;
  onProgress?: OnProgress;
  now?: () => Date;
  /**
   * Blobs hashed moments ago under the backups folder lock (a backup being published): checked
   * for presence and size only.
   */
  trustedBlobs?: ReadonlySet<string>;
  /**
   * Also trust blobs that blob-checks.json records as hashed good within this many days and whose
   * size and mtime have not changed since (restore: the copy into the live store hashes every
   * byte it writes anyway, so hashing them here too would read everything twice).
   */
  trustRecentChecksDays?: number;
  /** The snapshot was written, hashed and inspected by this process moments ago (a backup being published). */
  freshInspection?: DatabaseInspection;
}

/**
 * Checks a backup the way a restore would need it: manifest, snapshot checksum, a test open
 * of a copy (integrity and foreign keys), row counts, the files the rows name, and every blob's
 * hash. For a backup folder the outcome is recorded in its `verification.json`.
 */
export async function verifyBackup(source: BackupSource, options: VerifyOptions): Promise<VerificationReport> {
  const workDir = options.databaseCopy ? undefined : await createWorkDir(options.dataDir);
  const databaseCopy = options.databaseCopy ?? path.join(workDir?.dir as string, 'database.sqlite');
  try {
    const report =
      source.type === 'managed'
        ? await verifyManaged(source, databaseCopy, options)
        : await verifyPlain(source.file, databaseCopy, options);
    if (source.type === 'managed' && report.manifest) {
      await writeVerification(source.dir, { verifiedAt: report.verifiedAt, ok: report.ok, problems: report.problems });
    }
    return report;
  } finally {
    await workDir?.remove();
  }
}

type ManagedSource = Extract<BackupSource, { type: 'managed' }>;

async function verifyManaged(source: ManagedSource, databaseCopy: string, options: VerifyOptions) {
  const verifiedAt = (options.now?.() ?? new Date()).toISOString();
  const read = await readManifest(source.dir);
  if (!read.ok) return report(verifiedAt, [read.problem], { manifest: null, contents: null });
  const manifest = read.manifest;
  // A partial safety backup holds what could be read, not a database this product can open.
  const problems: string[] = (manifest.partial?.problems ?? []).map((p) => `Partial backup: ${p}`);
  const snapshot = path.join(source.dir, manifest.snapshot.file);
  const opened = await checkManagedSnapshot(snapshot, manifest, databaseCopy, {
    inspected: options.freshInspection,
    onProgress: options.onProgress,
  });
  problems.push(...opened.problems);
  if (opened.contents) problems.push(...compareWithManifest(opened.contents, manifest));
  const { bad: badBlobs, hashed } = await checkBlobs(source.backupsDir, manifest, options);
  problems.push(...badBlobs.map((b) => b.problem));
  await recordFindings(source.backupsDir, hashed, badBlobs, options);
  return report(verifiedAt, problems, {
    manifest,
    contents: opened.contents,
    badBlobs: badBlobs.map((b) => b.key),
    knownProblems: manifest.knownProblems ?? [],
  });
}

async function verifyPlain(file: string, databaseCopy: string, options: VerifyOptions) {
  const verifiedAt = (options.now?.() ?? new Date()).toISOString();
  const opened = await step(options.onProgress, 'Test open of the database', () =>
    openCopy(file, 'sqlite', databaseCopy),
  );
  const problems = [...opened.problems];
  if (!opened.contents) return report(verifiedAt, problems, { manifest: null, contents: null });
  problems.push(...malformedKeys(opened.contents));
  const files = opened.contents.files.filter((f) => isStorageKey(f.key));
  const located = await locateFiles(files, [options.blobs, options.liveFiles], options.onProgress);
  const missingFiles = located.missing.map(missingFileOf);
  return report(verifiedAt, problems, { manifest: null, contents: opened.contents, missingFiles });
}

function report(
  verifiedAt: string,
  problems: string[],
  rest: Pick<VerificationReport, 'manifest' | 'contents'> & Partial<VerificationReport>,
): VerificationReport {
  return {
    ok: problems.length === 0,
    problems,
    badBlobs: [],
    missingFiles: [],
    knownProblems: [],
    verifiedAt,
    ...rest,
  };
}

function compareWithManifest(contents: SnapshotContents, manifest: BackupManifest): string[] {
  const problems: string[] = [];
  if (contents.schemaVersion !== manifest.schemaVersion) {
    problems.push(
      `The snapshot has schema version ${contents.schemaVersion}; the manifest says ${manifest.schemaVersion}.`,
    );
  }
  const counted: Record<string, number | undefined> = contents.tables;
  for (const table of new Set([...Object.keys(manifest.tables), ...Object.keys(counted)])) {
    const [actual, expected] = [counted[table], manifest.tables[table]];
    if (actual === undefined) problems.push(`The snapshot has no table ${table}; the manifest lists it.`);
    else if (expected === undefined) problems.push(`The manifest does not list table ${table}.`);
    else if (actual !== expected) problems.push(`Table ${table} has ${actual} rows; the manifest says ${expected}.`);
  }
  problems.push(...malformedKeys(contents));
  const listed = new Set(manifest.files.map((f) => f.sha256));
  const known = new Set((manifest.knownProblems ?? []).map((p) => p.sha256));
  const named = new Set(contents.files.map((f) => f.key));
  for (const file of contents.files) {
    if (isStorageKey(file.key) && !listed.has(file.key) && !known.has(file.key)) {
      problems.push(`The ${describeRow(file.row)} names file ${file.key}, which the manifest does not list.`);
    }
  }
  for (const key of listed) {
    if (!named.has(key)) problems.push(`The manifest lists file ${key}, which no row in the snapshot names.`);
  }
  return problems;
}

function malformedKeys(contents: SnapshotContents): string[] {
  return contents.files
    .filter((f) => !isStorageKey(f.key))
    .map((f) => `The ${describeRow(f.row)} has a storage key that is not a SHA-256.`);
}

/**
 * Tells the backup store what this verification learnt, so `list`, health and the next backup
 * know about a bad blob (the next backup then replaces it from the live file) and do not re-hash
 * the good ones again soon.
 */
async function recordFindings(
  backupsDir: string,
  hashed: ReadonlyMap<string, BlobFileStat>,
  bad: { key: string; state: 'missing' | 'damaged' | 'size' }[],
  options: VerifyOptions,
): Promise<void> {
  if (hashed.size === 0 && bad.length === 0) return;
  const now = options.now?.() ?? new Date();
  await withBackupStoreLock(backupsDir, 'verify', { waitMs: 120_000 }, async () => {
    const checks = await BlobChecks.load(backupsDir);
    for (const [key, file] of hashed) checks.record(key, 'ok', now, file);
    for (const b of bad) checks.record(b.key, b.state === 'missing' ? 'missing' : 'damaged', now);
    await checks.save();
  });
}

/** Blob stats in flight at once while verifying: metadata only, so many cost little. */
const STAT_CONCURRENCY = 64;

/**
 * Checks every blob the manifest names: hashed, unless trusted (see VerifyOptions); a trusted one
 * is checked for presence and size. Returns the bad ones and the good ones hashed now (with the
 * size and mtime they were hashed at, for blob-checks.json).
 */
async function checkBlobs(backupsDir: string, manifest: BackupManifest, options: VerifyOptions) {
  const blobs = openBlobStore(backupsDir);
  const bad: { key: string; problem: string; state: 'missing' | 'damaged' | 'size' }[] = [];
  const hashed = new Map<string, BlobFileStat>();
  const trust = await trustOf(backupsDir, options);
  await step(
    options.onProgress,
    'File hashes',
    async (advance) => {
      // Every blob's size and mtime first, many at once. Each stat is quick, but during a restore
      // the thread pool is busy staging the files, and stats taken one at a time each waited
      // behind those writes: 3.6 s for 971 blobs.
      const stats: (BlobFileStat | undefined)[] = [];
      await forEachConcurrently(manifest.files, STAT_CONCURRENCY, async (file, index) => {
        stats[index] = await statBlob(blobs.pathOf(file.sha256));
      });
      for (const [index, file] of manifest.files.entries()) {
        const key = file.sha256;
        const found = stats[index];
        const state = !found ? 'missing' : trust(key, found) ? 'ok' : await checkStoredFile(blobs, key);
        if (state === 'missing') bad.push({ key, state, problem: `Blob ${key} is missing.` });
        if (state === 'damaged') {
          bad.push({ key, state, problem: `Blob ${key} is damaged: its bytes no longer match their hash.` });
        }
        if (state === 'ok' && found) {
          if (found.size !== file.bytes) {
            bad.push({
              key,
              state: 'size',
              problem: `Blob ${key} has ${found.size} bytes; the manifest says ${file.bytes}.`,
            });
          } else if (!trust(key, found)) hashed.set(key, found);
        }
        advance(file.bytes);
      }
    },
    { total: manifest.totalFileBytes, unit: 'bytes' },
  );
  return { bad, hashed };
}

async function trustOf(
  backupsDir: string,
  options: VerifyOptions,
): Promise<(key: string, file: BlobFileStat) => boolean> {
  const given = options.trustedBlobs ?? new Set<string>();
  const days = options.trustRecentChecksDays;
  if (days === undefined) return (key) => given.has(key);
  const checks = await BlobChecks.load(backupsDir);
  const now = options.now?.() ?? new Date();
  return (key, file) => given.has(key) || checks.trusted(key, file, now, days);
}
