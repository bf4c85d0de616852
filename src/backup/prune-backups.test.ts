import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatPruneReport } from '../cli/commands/prune.js';
import type { BackupKind, BackupManifest, VerificationRecord } from './manifest.js';
import { backupFolderStore, type PruneStore, pruneBackups } from './prune-backups.js';
import type { RetentionPolicy } from './retention.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const HOUR = 60 * 60 * 1000;
const KEEP_TWO: RetentionPolicy = { keepLast: 2, keepDaily: 0, keepWeekly: 0, keepMonthly: 0, safetyKeepDays: 30 };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let dataDir: string;
let backupsDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'byov-prune-'));
  backupsDir = path.join(dataDir, 'backups');
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Writes a blob the way the blob store does, dated `modifiedAt` (blobs of old backups are old). */
async function writeBlob(content: string, modifiedAt: Date): Promise<string> {
  const key = sha256(content);
  const file = path.join(backupsDir, 'blobs', key.slice(0, 2), key);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  await utimes(file, modifiedAt, modifiedAt);
  return key;
}

interface BackupSpec {
  name: string;
  kind?: BackupKind;
  createdAt: string;
  verified?: boolean | null;
  /** Contents of the files the backup holds; equal contents share one blob. */
  files: string[];
}

/** A minimal backup folder in the engine's format: snapshot, manifest.json, verification.json. */
async function writeBackup(spec: BackupSpec): Promise<void> {
  const createdAt = new Date(spec.createdAt);
  const dir = path.join(backupsDir, spec.name);
  await mkdir(dir, { recursive: true });
  const snapshot = `SQLite format 3\0 snapshot of ${spec.name}`;
  await writeFile(path.join(dir, 'database.sqlite'), snapshot);
  const files = [];
  for (const content of spec.files) files.push({ sha256: await writeBlob(content, createdAt), bytes: content.length });
  const manifest: BackupManifest = {
    format: 'byov-backup',
    formatVersion: 1,
    name: spec.name,
    kind: spec.kind ?? 'scheduled',
    createdAt: createdAt.toISOString(),
    appVersion: '0.1.0',
    schemaVersion: 1,
    engine: 'sqlite',
    snapshot: { file: 'database.sqlite', sha256: sha256(snapshot), bytes: snapshot.length },
    tables: { settings: 0, enrollments: files.length, documents: files.length, checklist_tasks: 0, audit_events: 0 },
    files,
    totalFileBytes: files.reduce((sum, f) => sum + f.bytes, 0),
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  if (spec.verified !== null) {
    const record: VerificationRecord = { verifiedAt: createdAt.toISOString(), ok: spec.verified ?? true, problems: [] };
    await writeFile(path.join(dir, 'verification.json'), JSON.stringify(record));
  }
}

/** Every file under the backups folder with its size: "nothing changed" means this is equal. */
async function snapshotTree(): Promise<string[]> {
  const entries = await readdir(backupsDir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  const sized = await Promise.all(files.map(async (f) => `${path.relative(backupsDir, f)} ${(await stat(f)).size}`));
  return sized.sort();
}

const exists = (relative: string) =>
  stat(path.join(backupsDir, relative)).then(
    () => true,
    () => false,
  );
const blobPath = (key: string) => path.join('blobs', key.slice(0, 2), key);

/**
 * Four daily backups and an old safety backup. Keep-last 2 keeps day 3 and day 4; days 1 and 2
 * go, and the safety backup is past its 30 days.
 */
async function populate() {
  await writeBackup({
    name: 'byov_backup_20261120_030000',
    createdAt: '2026-11-20T03:00Z',
    files: ['shared', 'only-day1'],
  });
  await writeBackup({
    name: 'byov_backup_20261121_030000',
    createdAt: '2026-11-21T03:00Z',
    files: ['shared', 'only-day2', 'day2-and-day3'],
  });
  await writeBackup({
    name: 'byov_backup_20261122_030000',
    createdAt: '2026-11-22T03:00Z',
    files: ['shared', 'day2-and-day3'],
  });
  await writeBackup({
    name: 'byov_backup_20261123_030000',
    createdAt: '2026-11-23T03:00Z',
    files: ['shared', 'only-day4'],
    verified: false,
  });
  await writeBackup({
    name: 'before_restore_20261001_120000',
    kind: 'safety',
    createdAt: '2026-10-01T12:00Z',
    files: ['only-safety'],
  });
  // Left by a crashed backup long ago, and one just written by a backup still in progress.
  await writeBlob('orphan-old', new Date(NOW.getTime() - 48 * HOUR));
  await writeBlob('orphan-young', new Date(NOW.getTime() - HOUR / 6));
}

describe('pruneBackups on a backups folder', () => {
  it('removes the dropped backups, then exactly the blobs no kept backup names', async () => {
    await populate();
    const report = await pruneBackups(backupFolderStore(backupsDir), { policy: KEEP_TWO, now: NOW, dryRun: false });

    expect(report.kept.map((b) => [b.name, b.reasons])).toEqual([
      ['byov_backup_20261123_030000', ['last']],
      ['byov_backup_20261122_030000', ['last', 'newest verified']],
    ]);
    expect(report.removed.map((b) => [b.name, b.reasons])).toEqual([
      ['byov_backup_20261121_030000', ['not kept by any rule']],
      ['byov_backup_20261120_030000', ['not kept by any rule']],
      ['before_restore_20261001_120000', ['safety backup older than 30 days']],
    ]);
    for (const gone of report.removed) expect(await exists(gone.name)).toBe(false);
    for (const kept of report.kept) expect(await exists(path.join(kept.name, 'manifest.json'))).toBe(true);

    const removedBlobs = ['only-day1', 'only-day2', 'only-safety', 'orphan-old'].map(sha256).sort();
    expect(report.blobs.removed.map((b) => b.key)).toEqual(removedBlobs);
    for (const key of removedBlobs) expect(await exists(blobPath(key))).toBe(false);
    for (const content of ['shared', 'day2-and-day3', 'only-day4', 'orphan-young']) {
      expect(await exists(blobPath(sha256(content)))).toBe(true);
    }
    // Nothing but the kept backups and their blobs (plus the young orphan) is left behind.
    expect((await readdir(backupsDir)).sort()).toEqual(['blobs', ...report.kept.map((b) => b.name)].sort());

    const blobBytes = ['only-day1', 'only-day2', 'only-safety', 'orphan-old'].reduce((n, c) => n + c.length, 0);
    expect(report.blobs.bytes).toBe(blobBytes);
    expect(report.removed.every((b) => b.bytes > 0)).toBe(true);
    expect(report.bytesFreed).toBe(blobBytes + report.removed.reduce((n, b) => n + b.bytes, 0));
  });

  it('dry run removes nothing and reports exactly what the real run then does', async () => {
    await populate();
    const before = await snapshotTree();
    const dry = await pruneBackups(backupFolderStore(backupsDir), { policy: KEEP_TWO, now: NOW, dryRun: true });
    expect(await snapshotTree()).toEqual(before);
    expect(dry.removed).toHaveLength(3);
    expect(dry.blobs.removed).toHaveLength(4);

    const progress: string[] = [];
    const real = await pruneBackups(backupFolderStore(backupsDir), {
      policy: KEEP_TWO,
      now: NOW,
      dryRun: false,
      onProgress: (line) => progress.push(line),
    });
    expect(real).toEqual({ ...dry, dryRun: false });
    expect(await snapshotTree()).not.toEqual(before);
    expect(progress).toEqual([
      'Removing backup byov_backup_20261121_030000',
      'Removing backup byov_backup_20261120_030000',
      'Removing backup before_restore_20261001_120000',
      'Removing 4 stored file(s) no kept backup uses',
    ]);

    // What people read: the same lines, except the outcome's wording.
    const wording = (text: string) => text.replace(/Would remove|Removed/g, 'REMOVE').split('\n');
    expect(wording(formatPruneReport(real)).slice(0, -1)).toEqual(wording(formatPruneReport(dry)).slice(0, -1));
    expect(formatPruneReport(dry)).toMatch(/Would free .*Dry run: nothing was removed\.$/);
  });

  it('keeps every blob named by a backup that finished while the prune was running', async () => {
    await populate();
    const store = backupFolderStore(backupsDir);
    let latecomerWritten = false;
    const interfering: PruneStore = {
      ...store,
      removeBackup: async (name) => {
        await store.removeBackup(name);
        if (latecomerWritten) return;
        latecomerWritten = true;
        // Reuses blobs the plan had already marked as unreferenced.
        await writeBackup({
          name: 'byov_backup_20261124_115900',
          createdAt: '2026-11-24T11:59Z',
          files: ['only-day1', 'only-safety'],
        });
      },
    };
    const report = await pruneBackups(interfering, { policy: KEEP_TWO, now: NOW, dryRun: false });
    expect(report.blobs.removed.map((b) => b.key)).toEqual(['only-day2', 'orphan-old'].map(sha256).sort());
    expect(await exists(blobPath(sha256('only-day1')))).toBe(true);
    expect(await exists(blobPath(sha256('only-safety')))).toBe(true);
  });

  it('leaves no listed backup missing a blob, wherever the prune is killed', async () => {
    // Backups 3 + blobs 4 = 7 deletions; fail before each in turn (SQLite's moving failure point).
    for (let failAt = 0; failAt <= 7; failAt++) {
      await rm(backupsDir, { recursive: true, force: true });
      await populate();
      const store = backupFolderStore(backupsDir);
      let deletions = 0;
      const killAt = async <T>(work: () => Promise<T>) => {
        if (deletions++ === failAt) throw new Error('killed');
        return work();
      };
      const dying: PruneStore = {
        ...store,
        removeBackup: (name) => killAt(() => store.removeBackup(name)),
        removeBlob: (key) => killAt(() => store.removeBlob(key)),
      };
      await pruneBackups(dying, { policy: KEEP_TWO, now: NOW, dryRun: false }).catch(() => undefined);

      for (const listed of await store.listBackups()) {
        for (const key of await store.readBlobKeys(listed.name)) expect(await exists(blobPath(key))).toBe(true);
      }
      // The next prune finishes the job.
      await pruneBackups(store, { policy: KEEP_TWO, now: NOW, dryRun: false });
      expect((await store.listBackups()).map((b) => b.name)).toEqual([
        'byov_backup_20261123_030000',
        'byov_backup_20261122_030000',
      ]);
      expect((await store.listBlobs()).map((b) => b.key).sort()).toEqual(
        ['shared', 'day2-and-day3', 'only-day4', 'orphan-young'].map(sha256).sort(),
      );
    }
  });

  it('removes nothing when a kept backup cannot say which blobs it needs', async () => {
    await populate();
    const store = backupFolderStore(backupsDir);
    const before = await snapshotTree();
    const unreadable: PruneStore = {
      ...store,
      readBlobKeys: async (name) => {
        if (name === 'byov_backup_20261122_030000') throw new Error('manifest.json is not valid JSON');
        return store.readBlobKeys(name);
      },
    };
    await expect(pruneBackups(unreadable, { policy: KEEP_TWO, now: NOW, dryRun: false })).rejects.toThrow(
      /not valid JSON/,
    );
    expect(await snapshotTree()).toEqual(before);
  });

  it('handles an empty or missing backups folder', async () => {
    await rm(backupsDir, { recursive: true, force: true });
    const report = await pruneBackups(backupFolderStore(backupsDir), { policy: KEEP_TWO, now: NOW, dryRun: false });
    expect(report).toMatchObject({ kept: [], removed: [], blobs: { removed: [], bytes: 0 }, bytesFreed: 0 });
  });
});

describe('byov prune', () => {
  const entry = path.resolve(import.meta.dirname, '../cli/byov.ts');
  const byov = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const policy = {
        BACKUP_KEEP_LAST: '2',
        BACKUP_KEEP_DAILY: '0',
        BACKUP_KEEP_WEEKLY: '0',
        BACKUP_KEEP_MONTHLY: '0',
      };
      const env = { ...process.env, DATA_DIR: dataDir, ...policy };
      execFile(process.execPath, ['--import', 'tsx', entry, 'prune', ...args], { env }, (error, stdout) =>
        resolve({ code: error ? (error.code as number) : 0, stdout }),
      );
    });

  it('prints with --dry-run exactly what the real run then removes, and exits 0', async () => {
    await populate();
    const before = await snapshotTree();
    const dryText = await byov('--dry-run');
    expect(dryText.code).toBe(0);
    expect(dryText.stdout).toMatch(/^Would remove \d+ backup\(s\):$/m);
    expect(dryText.stdout).toMatch(/Dry run: nothing was removed\.\n$/);
    const dry = await byov('--dry-run', '--json');
    expect(await snapshotTree()).toEqual(before);
    const real = await byov('--json');
    expect([dry.code, real.code]).toEqual([0, 0]);
    const [dryReport, realReport] = [JSON.parse(dry.stdout), JSON.parse(real.stdout)];
    expect(realReport).toEqual({ ...dryReport, dryRun: false });
    // Keep-last 2 from the environment; whether the safety backup is past 30 days depends on today.
    expect(realReport.kept.map((b: { name: string }) => b.name).slice(0, 2)).toEqual([
      'byov_backup_20261123_030000',
      'byov_backup_20261122_030000',
    ]);
    expect(await exists('byov_backup_20261121_030000')).toBe(false);
    expect(await exists('byov_backup_20261120_030000')).toBe(false);
  });

  it('exits 2 on a usage mistake', async () => {
    expect((await byov('--bogus')).code).toBe(2);
  });
});
