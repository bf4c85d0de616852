/**
 * Restore rules: older schemas are migrated forward, newer ones refused untouched; a SQLite file
 * copied by hand restores through the same checks and lists the files it cannot find; nothing is
 * replaced while a server holds the data folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFile, cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearData } from '../../src/backup/clear-data.js';
import { createBackup } from '../../src/backup/create-backup.js';
import { listBackups } from '../../src/backup/list-backups.js';
import { readManifest } from '../../src/backup/manifest.js';
import { resolveBackup } from '../../src/backup/resolve-backup.js';
import { restoreBackup } from '../../src/backup/restore-backup.js';
import { loadConfig } from '../../src/config.js';
import { sha256File } from '../../src/files/durable-fs.js';
import { openRuntime } from '../../src/runtime.js';
import { openDb } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { SCHEMA_VERSION } from '../../src/storage/migrations/index.js';
import { flipByte } from '../support/damage.js';
import { describeEachEngine, makeTempDir } from '../support/engines.js';
import { allRows, createFixture, type Fixture, runByov, seedEnrollments, withRuntime } from './support.js';

describeEachEngine('restore', (engine) => {
  let target: Fixture;
  let temp: { dir: string; remove(): Promise<void> };
  beforeEach(async () => {
    target = await createFixture(engine);
    temp = await makeTempDir('byov-restore-src-');
  });
  afterEach(async () => {
    await target.dispose();
    await temp.remove();
  });

  it('migrates a backup from an older schema forward', async () => {
    // A data folder that has only the first migration, backed up by this version.
    const config = loadConfig({ DATA_DIR: temp.dir, DATABASE_URL: '' });
    const db = openDb(config.database);
    await migrateToLatest(db.kysely, 1);
    await db.close();
    const old = await openRuntime(config, { migrate: false });
    let rowsAtVersion1: Awaited<ReturnType<typeof allRows>>;
    try {
      await seedEnrollments(old, 2);
      rowsAtVersion1 = await allRows(old.db.kysely);
      expect((await createBackup(old, { kind: 'manual' })).schemaVersion).toBe(1);
    } finally {
      await old.close();
    }
    const backup = (await listBackups(config.paths.backups))[0]?.path as string;

    const summary = await restoreBackup(target.config, await resolveBackup(target.config.paths.backups, backup));
    expect(summary.schemaVersion).toEqual({ backup: 1, restored: SCHEMA_VERSION });
    await withRuntime(target, async (runtime) => {
      const rows = await allRows(runtime.db.kysely);
      const ids = (list: unknown[] | undefined) => (list ?? []).map((r) => (r as { id: string }).id);
      expect(ids(rows.enrollments)).toEqual(ids(rowsAtVersion1.enrollments));
      expect(ids(rows.enrollments)).toHaveLength(2);
      expect(rows.documents).toEqual(rowsAtVersion1.documents);
    });
  });

  it('refuses a database from a newer schema and changes nothing', async () => {
    const source = await createFixture('sqlite');
    try {
      await withRuntime(source, (runtime) => seedEnrollments(runtime, 1));
      const future = path.join(temp.dir, 'from-the-future.db');
      await copyFile(path.join(source.dir, 'byov.db'), future);
      const sqlite = new SqliteDatabase(future);
      sqlite.prepare("insert into kysely_migration (name, timestamp) values ('9999_from_the_future', 'x')").run();
      sqlite.close();

      await withRuntime(target, (runtime) => seedEnrollments(runtime, 1));
      const before = await withRuntime(target, (runtime) => allRows(runtime.db.kysely));
      const backupsDir = target.config.paths.backups;
      await expect(restoreBackup(target.config, await resolveBackup(backupsDir, future))).rejects.toMatchObject({
        code: 'SCHEMA_TOO_NEW',
      });
      expect(await withRuntime(target, (runtime) => allRows(runtime.db.kysely))).toEqual(before);
      expect(await listBackups(backupsDir)).toEqual([]);
    } finally {
      await source.dispose();
    }
  });

  it('restores a hand-made copy of the database file and lists the file it cannot find', async () => {
    const source = await createFixture('sqlite');
    try {
      const expected = await withRuntime(source, async (runtime) => {
        await seedEnrollments(runtime, 2);
        return allRows(runtime.db.kysely);
      });
      // Copied by hand while nothing ran; every file but one travels with it.
      const copy = path.join(temp.dir, 'byov-copy.db');
      await copyFile(path.join(source.dir, 'byov.db'), copy);
      await cp(path.join(source.dir, 'files'), path.join(target.dir, 'files'), { recursive: true });
      const lost = String((expected.documents?.[0] as { storage_key?: string } | undefined)?.storage_key);
      await rm(path.join(target.dir, 'files', lost.slice(0, 2), lost));

      const verified = await runByov(['verify', copy, '--json'], target.env);
      expect(verified.code, verified.stdout).toBe(0);
      expect(JSON.parse(verified.stdout).missingFiles).toEqual([
        { table: 'documents', id: expect.any(String), storageKey: lost },
      ]);

      const restored = await runByov(['restore', copy, '--yes', '--json'], target.env);
      expect(restored.code, restored.stdout + restored.stderr).toBe(0);
      const summary = JSON.parse(restored.stdout);
      expect(summary.missingFiles).toEqual([{ table: 'documents', id: expect.any(String), storageKey: lost }]);
      expect(summary).toMatchObject({ enrollments: 2, documents: 14 });
      const rows = await withRuntime(target, (runtime) => allRows(runtime.db.kysely));
      expect(rows.documents).toEqual(expected.documents);
      expect(rows.enrollments).toHaveLength(2);
    } finally {
      await source.dispose();
    }
  });

  it('copies files while it verifies, yet a refused restore leaves neither a new file nor a staged one', async () => {
    const [good, damaged] = await withRuntime(target, async (runtime) => {
      await seedEnrollments(runtime, 3);
      const first = (await createBackup(runtime, { kind: 'manual' })).name;
      return [first, (await createBackup(runtime, { kind: 'manual' })).name];
    });
    const expected = await withRuntime(target, (runtime) => allRows(runtime.db.kysely));
    const bad = await resolveBackup(target.config.paths.backups, damaged as string);
    if (bad.type !== 'managed') throw new Error('expected a backup folder');
    const manifest = await readManifest(bad.dir);
    if (!manifest.ok) throw new Error(manifest.problem);
    await flipByte(path.join(bad.dir, manifest.manifest.snapshot.file));
    await rm(target.config.paths.files, { recursive: true, force: true });

    await expect(restoreBackup(target.config, bad)).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    expect(await filesUnder(target.config.paths.files)).toEqual([]);
    expect(await filesUnder(target.config.paths.uploadsStaging)).toEqual([]);

    const summary = await restoreBackup(
      target.config,
      await resolveBackup(target.config.paths.backups, good as string),
    );
    expect(summary.files).toEqual({ copied: manifest.manifest.files.length, alreadyPresent: 0, repaired: 0 });
    expect(await filesUnder(target.config.paths.uploadsStaging)).toEqual([]);
    const restored = await filesUnder(target.config.paths.files);
    expect(restored).toEqual(manifest.manifest.files.map((f) => f.sha256).sort());
    for (const key of restored)
      expect(await sha256File(path.join(target.config.paths.files, key.slice(0, 2), key))).toBe(key);
    expect(await withRuntime(target, (runtime) => allRows(runtime.db.kysely))).toEqual(expected);
  });

  it('refuses restore and clear while a server holds the data folder', async () => {
    await withRuntime(target, (runtime) => seedEnrollments(runtime, 1));
    const before = await withRuntime(target, (runtime) => allRows(runtime.db.kysely));
    const name = await withRuntime(target, async (runtime) => (await createBackup(runtime, { kind: 'manual' })).name);
    const server = await holdLock(target.dir);
    try {
      const result = await runByov(['restore', name, '--yes', '--json'], target.env);
      expect(result.code).toBe(1);
      const error = JSON.parse(result.stdout).error;
      expect(error).toMatchObject({
        code: 'DATA_FOLDER_IN_USE',
        message: expect.stringMatching(/Stop the server first/),
      });
      await expect(withRuntime(target, (runtime) => clearData(runtime))).rejects.toMatchObject({
        code: 'DATA_FOLDER_IN_USE',
      });
      expect(await withRuntime(target, (runtime) => allRows(runtime.db.kysely))).toEqual(before);
    } finally {
      server.kill('SIGKILL');
    }
  });
});

describe('restore [sqlite] with the database held open', () => {
  let target: Fixture;
  beforeEach(async () => {
    target = await createFixture('sqlite');
  });
  afterEach(async () => {
    await target.dispose();
  });

  it('does not swap the SQLite file while another connection has it open', async () => {
    await withRuntime(target, (runtime) => seedEnrollments(runtime, 1));
    const name = await withRuntime(target, async (runtime) => (await createBackup(runtime, { kind: 'manual' })).name);
    const source = await resolveBackup(target.config.paths.backups, name);
    await withRuntime(target, async (unregistered) => {
      const before = await allRows(unregistered.db.kysely);
      await expect(restoreBackup(target.config, source)).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE' });
      expect(await allRows(unregistered.db.kysely)).toEqual(before);
    });
  });
});

/** A live process that "owns" the data folder the way `byov serve` does. */
async function holdLock(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
  await mkdir(dataDir, { recursive: true });
  const lock = { pid: child.pid, host: hostname(), role: 'server', startedAt: new Date().toISOString() };
  await writeFile(path.join(dataDir, 'server.lock'), JSON.stringify(lock));
  return child;
}

/** Names of the files anywhere under `dir` (none when it does not exist), sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
}
