import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { openBlobStore } from './blob-store.js';
import { blobsReferencedBy, listBackups, listDamagedBackups } from './list-backups.js';
import { removeBackup } from './remove-backup.js';
import { planRetention, type RetentionCandidate, type RetentionPolicy } from './retention.js';

/** A backup as pruning sees it; `name` is its folder under the backups directory. */
export type PrunableBackup = RetentionCandidate;

/** One content-addressed file in the shared blob store (`blobs/<2 hex>/<sha256>`). */
export interface StoredBlob {
  readonly key: string;
  readonly bytes: number;
  readonly modifiedAt: Date;
}

/**
 * What pruning needs from the backups folder: the real one is `backupFolderStore`; a test may
 * wrap it to interfere at the worst moments.
 */
export interface PruneStore {
  listBackups(): Promise<PrunableBackup[]>;
  /** SHA-256 keys of the blobs a backup's manifest names. */
  readBlobKeys(name: string): Promise<readonly string[]>;
  /** Bytes the backup's own folder occupies (manifest, database snapshot, …). */
  measureBackup(name: string): Promise<number>;
  /** Must be durable when it resolves: blobs are only deleted after their backups are gone for good. */
  removeBackup(name: string): Promise<void>;
  listBlobs(): Promise<StoredBlob[]>;
  removeBlob(key: string): Promise<void>;
  /** Backup folders whose manifest cannot be read: they may name any blob, so none is removed. */
  listDamaged?(): Promise<string[]>;
}

export interface PruneOptions {
  readonly policy: RetentionPolicy;
  readonly now: Date;
  readonly dryRun: boolean;
  /**
   * Blobs no listed backup names are normally leftovers of a crashed backup, but a young one may
   * belong to a backup still being written (its manifest comes last), so it gets this long.
   */
  readonly orphanGraceMs?: number;
  /** Plain progress lines ("removing backup …"); only called by a real run. */
  readonly onProgress?: (line: string) => void;
}

export interface PruneReport {
  readonly dryRun: boolean;
  readonly policy: RetentionPolicy;
  readonly kept: readonly BackupEntry[];
  readonly removed: readonly (BackupEntry & { bytes: number })[];
  readonly blobs: { readonly removed: readonly { key: string; bytes: number }[]; readonly bytes: number };
  readonly bytesFreed: number;
  /** Backups whose manifest cannot be read; while there are any, no stored file is removed. */
  readonly damaged: readonly string[];
}

interface BackupEntry {
  readonly name: string;
  readonly kind: PrunableBackup['kind'];
  readonly createdAt: string;
  readonly verified: boolean | null;
  /** Why it is kept (every rule that keeps it) or why it goes (one reason). */
  readonly reasons: readonly string[];
}

const DEFAULT_ORPHAN_GRACE_MS = 60 * 60 * 1000;

/**
 * Applies the retention policy: removes the backups it does not keep, then the blobs no kept
 * backup names. A dry run computes the same plan and removes nothing, so its report is what a
 * real run started at the same moment would report.
 */
export async function pruneBackups(store: PruneStore, options: PruneOptions): Promise<PruneReport> {
  const plan = await planPrune(store, options);
  if (options.dryRun) return toReport(plan, options, plan.blobs);
  const removedBlobs = await carryOut(store, plan, options.onProgress ?? (() => {}));
  return toReport(plan, options, removedBlobs);
}

interface PrunePlan {
  readonly keep: { backup: PrunableBackup; reasons: string[] }[];
  readonly remove: { backup: PrunableBackup; reason: string; bytes: number }[];
  readonly blobs: StoredBlob[];
  readonly damaged: string[];
}

async function planPrune(store: PruneStore, options: PruneOptions): Promise<PrunePlan> {
  const damaged = (await store.listDamaged?.()) ?? [];
  const retention = planRetention(await store.listBackups(), options.policy, options.now);
  const keptKeys = await referencedKeys(store, retention.keep);
  const removedKeys = await referencedKeys(store, retention.remove);
  const graceMs = options.orphanGraceMs ?? DEFAULT_ORPHAN_GRACE_MS;
  const isOldOrphan = (blob: StoredBlob) =>
    !removedKeys.has(blob.key) && options.now.getTime() - blob.modifiedAt.getTime() > graceMs;
  const blobs = (damaged.length > 0 ? [] : await store.listBlobs())
    .filter((blob) => !keptKeys.has(blob.key) && (removedKeys.has(blob.key) || isOldOrphan(blob)))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const remove = [];
  for (const entry of retention.remove) {
    remove.push({ ...entry, bytes: await store.measureBackup(entry.backup.name) });
  }
  return { keep: retention.keep, remove, blobs, damaged };
}

/**
 * Backups first, blobs second: a kill between the two leaves unreferenced blobs (removed by the
 * next prune), never a listed backup missing a blob — restic's "delete in reverse order of
 * writing". Before deleting blobs the listing is read again, so a backup that finished while we
 * worked keeps every blob it names.
 */
async function carryOut(store: PruneStore, plan: PrunePlan, progress: (line: string) => void): Promise<StoredBlob[]> {
  for (const { backup } of plan.remove) {
    progress(`Removing backup ${backup.name}`);
    await store.removeBackup(backup.name);
  }
  const stillNamed = await referencedKeys(
    store,
    (await store.listBackups()).map((backup) => ({ backup })),
  );
  // A manifest damaged while we worked protects every blob just the same.
  const damagedNow = (await store.listDamaged?.()) ?? [];
  const removable = damagedNow.length > 0 ? [] : plan.blobs.filter((blob) => !stillNamed.has(blob.key));
  if (removable.length > 0) progress(`Removing ${removable.length} stored file(s) no kept backup uses`);
  for (const blob of removable) await store.removeBlob(blob.key);
  return removable;
}

async function referencedKeys(store: PruneStore, entries: readonly { backup: PrunableBackup }[]): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const { backup } of entries) {
    for (const key of await store.readBlobKeys(backup.name)) keys.add(key);
  }
  return keys;
}

function toReport(plan: PrunePlan, options: PruneOptions, removedBlobs: readonly StoredBlob[]): PruneReport {
  const entry = (backup: PrunableBackup, reasons: readonly string[]): BackupEntry => ({
    name: backup.name,
    kind: backup.kind,
    // Retention keeps a backup with an unreadable time rather than guess; it still gets a line.
    createdAt: Number.isNaN(backup.createdAt.getTime()) ? 'unknown' : backup.createdAt.toISOString(),
    verified: backup.verified,
    reasons,
  });
  const blobBytes = removedBlobs.reduce((sum, blob) => sum + blob.bytes, 0);
  const removed = plan.remove.map((r) => ({ ...entry(r.backup, [r.reason]), bytes: r.bytes }));
  return {
    dryRun: options.dryRun,
    policy: options.policy,
    kept: plan.keep.map((k) => entry(k.backup, k.reasons)),
    removed,
    blobs: { removed: removedBlobs.map((b) => ({ key: b.key, bytes: b.bytes })), bytes: blobBytes },
    bytesFreed: blobBytes + removed.reduce((sum, r) => sum + r.bytes, 0),
    damaged: plan.damaged,
  };
}

/** The real store: the backup folders in `backupsDir` and the blob store beside them. */
export function backupFolderStore(backupsDir: string): PruneStore {
  const blobs = openBlobStore(backupsDir);
  return {
    // Retention's "newest verified" must be a backup that can restore everything it names.
    listBackups: async () =>
      (await listBackups(backupsDir)).map((b) => ({ ...b, verified: b.partial ? false : b.verified })),
    listDamaged: async () => (await listDamagedBackups(backupsDir)).map((d) => d.name),
    readBlobKeys: async (name) => [...(await blobsReferencedBy({ path: path.join(backupsDir, name) }))],
    measureBackup: (name) => folderBytes(path.join(backupsDir, name)),
    // Durable when it resolves: the folder is renamed away (and the rename synced) before deletion.
    removeBackup: (name) => removeBackup(backupsDir, name),
    listBlobs: async () => {
      const found: StoredBlob[] = [];
      for await (const blob of blobs.list()) {
        found.push({ key: blob.key, bytes: blob.sizeBytes, modifiedAt: blob.modifiedAt });
      }
      return found;
    },
    removeBlob: (key) => blobs.remove(key),
  };
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}
