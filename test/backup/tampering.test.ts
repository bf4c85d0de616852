/**
 * (c) Verification cannot lie: each kind of damage makes `verify` fail and name it, and
 * `restore` refuse with the live data untouched.
 */
import { readdir, rm, truncate } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openBlobStore } from '../../src/backup/blob-store.js';
import { createBackup } from '../../src/backup/create-backup.js';
import { listBackups } from '../../src/backup/list-backups.js';
import { readManifest } from '../../src/backup/manifest.js';
import { type BackupSource, resolveBackup } from '../../src/backup/resolve-backup.js';
import { restoreBackup } from '../../src/backup/restore-backup.js';
import { verifyBackup } from '../../src/backup/verify-backup.js';
import { sha256File } from '../../src/files/durable-fs.js';
import type { Runtime } from '../../src/runtime.js';
import { flipByte } from '../support/damage.js';
import { describeEachEngine } from '../support/engines.js';
import { allRows, createFixture, type Fixture, runByov, seedEnrollments } from './support.js';

describeEachEngine('tampered backups', (engine) => {
  let fixture: Fixture;
  let runtime: Runtime;
  let backupsDir: string;

  beforeAll(async () => {
    fixture = await createFixture(engine);
    runtime = await fixture.open();
    backupsDir = fixture.config.paths.backups;
    await seedEnrollments(runtime, 3);
  });
  afterAll(async () => {
    await runtime.close();
    await fixture.dispose();
  });

  /** Takes a fresh backup, damages it, and checks that verify names the damage and restore refuses. */
  async function expectDetected(damage: (source: BackupSource) => Promise<void>, problem: RegExp) {
    const source = await resolveBackup(backupsDir, (await createBackup(runtime, { kind: 'manual' })).name);
    await damage(source);
    const report = await verifyBackup(source, {
      dataDir: fixture.dir,
      liveFiles: runtime.files,
      blobs: openBlobStore(backupsDir),
    });
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(problem);

    const before = await liveState();
    const backupsBefore = await listBackups(backupsDir);
    await expect(restoreBackup(fixture.config, source)).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    expect(await liveState()).toEqual(before);
    // Refused before the safety backup: nothing new in the list.
    expect((await listBackups(backupsDir)).map((b) => b.name)).toEqual(backupsBefore.map((b) => b.name));
    return source;
  }

  async function liveState() {
    const hashes: string[] = [];
    for await (const file of runtime.files.list()) hashes.push(await sha256File(runtime.files.pathOf(file.key)));
    return { rows: await allRows(runtime.db.kysely), files: hashes.sort() };
  }

  it('detects a flipped byte in the snapshot', async () => {
    await expectDetected(async (source) => {
      if (source.type !== 'managed') throw new Error('expected a backup folder');
      const manifest = await readManifest(source.dir);
      if (!manifest.ok) throw new Error(manifest.problem);
      await flipByte(path.join(source.dir, manifest.manifest.snapshot.file));
    }, /snapshot does not match its SHA-256/);
    // The failed verification is recorded: `list` now shows it as not verified.
    expect((await listBackups(backupsDir))[0]?.verified).toBe(false);
  });

  it('backs up around a damaged live file, naming its document as a known problem, and stores no bad blob', async () => {
    const [id] = await seedEnrollments(runtime, 1);
    const document = await runtime.db.kysely
      .selectFrom('documents')
      .select(['id', 'storage_key'])
      .where('enrollment_id', '=', id as string)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await flipByte(runtime.files.pathOf(document.storage_key));

    const summary = await createBackup(runtime, { kind: 'manual' });
    expect(summary.knownProblems).toEqual([
      { sha256: document.storage_key, problem: 'damaged', row: { table: 'documents', id: document.id } },
    ]);
    expect(await openBlobStore(backupsDir).has(document.storage_key)).toBe(false);
    expect((await listBackups(backupsDir))[0]).toMatchObject({ name: summary.name, verified: true, knownProblems: 1 });
    expect((await readdir(backupsDir)).filter((n) => n.startsWith('.partial-'))).toEqual([]);
    // The other cases need live data that backs up cleanly: drop this enrollment (its rows cascade).
    await runtime.db.kysely
      .deleteFrom('enrollments')
      .where('id', '=', id as string)
      .execute();
  });

  it('detects a flipped byte in a blob, and the next backup repairs the blob from the live file', async () => {
    let damagedKey = '';
    const source = await expectDetected(async () => {
      damagedKey = await someBlob();
      await flipByte(openBlobStore(backupsDir).pathOf(damagedKey));
    }, /Blob [0-9a-f]{64} is damaged/);
    expect(damagedKey).not.toBe('');

    await createBackup(runtime, { kind: 'manual' });
    const report = await verifyBackup(source, {
      dataDir: fixture.dir,
      liveFiles: runtime.files,
      blobs: openBlobStore(backupsDir),
    });
    expect(report.problems).toEqual([]);
  });

  it('detects a deleted blob', async () => {
    await expectDetected(async () => {
      await rm(openBlobStore(backupsDir).pathOf(await someBlob()));
    }, /Blob [0-9a-f]{64} is missing/);
  });

  it('detects a truncated manifest, which also takes the backup off the list', async () => {
    const source = await expectDetected(async (source) => {
      if (source.type !== 'managed') throw new Error('expected a backup folder');
      await truncate(path.join(source.dir, 'manifest.json'), 40);
    }, /manifest\.json is not valid JSON/);
    expect((await listBackups(backupsDir)).map((b) => b.name)).not.toContain(source.name);

    const cli = await runByov(['verify', source.name, '--json'], fixture.env);
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout)).toMatchObject({ ok: false, problems: [expect.stringMatching(/manifest\.json/)] });
  });

  async function someBlob(): Promise<string> {
    const newest = (await listBackups(backupsDir))[0]?.path;
    const manifest = await readManifest(newest as string);
    if (!manifest.ok) throw new Error(manifest.problem);
    return manifest.manifest.files[0]?.sha256 as string;
  }
});

/** Flips one byte in the middle of a file, as a failing disk would. */
