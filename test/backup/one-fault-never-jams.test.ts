/**
 * (6) No single damaged file stops the machine: a file damaged both live and in the blob store is
 * kept (never deleted without a good replacement) and named as a known problem of each later
 * backup; those backups verify and restore everything else. A manifest that cannot be read is
 * shown as damaged and protects every blob from prune; health trusts only backups that can
 * restore what they name, never a safety backup of an empty database.
 */
import { readFile, truncate } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackupHealth } from '../../src/backup/backup-health.js';
import { openBlobStore } from '../../src/backup/blob-store.js';
import { createBackup } from '../../src/backup/create-backup.js';
import { listBackups, listDamagedBackups } from '../../src/backup/list-backups.js';
import { resolveBackup } from '../../src/backup/resolve-backup.js';
import { restoreBackup } from '../../src/backup/restore-backup.js';
import { verifyBackup } from '../../src/backup/verify-backup.js';
import { sha256File } from '../../src/files/durable-fs.js';
import type { Runtime } from '../../src/runtime.js';
import { flipByte } from '../support/damage.js';
import { describeEachEngine } from '../support/engines.js';
import { createFixture, enrollmentIds, type Fixture, runByov, seedEnrollments, withRuntime } from './support.js';

describeEachEngine('one damaged file never jams backups', (engine) => {
  let fixture: Fixture;
  let backupsDir: string;
  let damagedKey: string;
  let damagedDocument: string;
  let firstBackup: string;

  beforeAll(async () => {
    fixture = await createFixture(engine);
    backupsDir = fixture.config.paths.backups;
    await withRuntime(fixture, async (runtime) => {
      await seedEnrollments(runtime, 3);
      firstBackup = (await createBackup(runtime, { kind: 'manual' })).name;
      const doc = await runtime.db.kysely
        .selectFrom('documents')
        .select(['id', 'storage_key'])
        .orderBy('id')
        .executeTakeFirstOrThrow();
      damagedKey = doc.storage_key;
      damagedDocument = doc.id;
    });
  });
  afterAll(() => fixture.dispose());

  it('keeps the damaged last copy and names it, backup after backup', { timeout: 240_000 }, async () => {
    const blobPath = openBlobStore(backupsDir).pathOf(damagedKey);
    await withRuntime(fixture, async (runtime) => {
      await flipByte(runtime.files.pathOf(damagedKey));
      await flipByte(blobPath);
      const damagedBytes = await readFile(blobPath);
      // The first verification finds the damaged blob, so the next backup re-reads it.
      const first = await verifyBackup(await resolveBackup(backupsDir, firstBackup), {
        dataDir: fixture.dir,
        liveFiles: runtime.files,
        blobs: openBlobStore(backupsDir),
      });
      expect(first.problems.join('\n')).toMatch(/is damaged/);
      for (let round = 0; round < 2; round++) {
        const summary = await createBackup(runtime, { kind: 'manual' });
        expect(summary.knownProblems).toEqual([
          { sha256: damagedKey, problem: 'damaged', row: { table: 'documents', id: damagedDocument } },
        ]);
        expect(await readFile(blobPath)).toEqual(damagedBytes);
      }
    });
    const listed = await listBackups(backupsDir);
    expect(listed[0]).toMatchObject({ verified: true, knownProblems: 1, partial: false });
    // The first backup names the damaged blob as good: it is no longer called verified.
    expect(listed.find((b) => b.name === firstBackup)?.verified).toBe(false);
    const human = await runByov(['list'], fixture.env);
    expect(human.stdout).toMatch(/yes, 1 known problems/);
    const health = await describeBackupHealth(backupsDir, new Date(), 26);
    expect(health.warning).toMatch(/1 known problem/);

    const verify = await runByov(['verify', listed[0]?.name as string], fixture.env);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain(`document ${damagedDocument}`);
  });

  it('restores everything but the named file, after saying so', async () => {
    const newest = (await listBackups(backupsDir))[0]?.name as string;
    const ids = await withRuntime(fixture, (runtime) => enrollmentIds(runtime));
    await withRuntime(fixture, (runtime) => seedEnrollments(runtime, 1));
    const summary = await restoreBackup(fixture.config, await resolveBackup(backupsDir, newest));
    expect(summary.missingFiles.map((f) => f.storageKey)).toEqual([damagedKey]);
    await withRuntime(fixture, async (runtime) => {
      expect(await enrollmentIds(runtime)).toEqual(ids);
      await expectFilesIntact(runtime, damagedKey);
    });
  });

  it('shows an unreadable manifest as damaged, and prune then removes no stored file', {
    timeout: 240_000,
  }, async () => {
    await withRuntime(fixture, (runtime) => createBackup(runtime, { kind: 'manual' }));
    const victim = (await listBackups(backupsDir)).at(-1)?.name as string;
    await truncate(path.join(backupsDir, victim, 'manifest.json'), 30);
    expect((await listDamagedBackups(backupsDir)).map((d) => d.name)).toEqual([victim]);
    const list = await runByov(['list'], fixture.env);
    expect(list.stdout).toMatch(new RegExp(`DAMAGED: ${victim}`));

    const blobsBefore = await countBlobs();
    const env = {
      ...fixture.env,
      BACKUP_KEEP_LAST: '1',
      BACKUP_KEEP_DAILY: '0',
      BACKUP_KEEP_WEEKLY: '0',
      BACKUP_KEEP_MONTHLY: '0',
    };
    const prune = await runByov(['prune', '--json'], env);
    expect(prune.code).toBe(0);
    const report = JSON.parse(prune.stdout);
    expect(report.damaged).toEqual([victim]);
    expect(report.blobs.removed).toEqual([]);
    expect(await countBlobs()).toBe(blobsBefore);
    expect((await listDamagedBackups(backupsDir)).map((d) => d.name)).toEqual([victim]);
  });

  it('never names a safety backup of an empty database as the last verified backup', async () => {
    const empty = await createFixture(engine);
    try {
      await withRuntime(empty, (runtime) => createBackup(runtime, { kind: 'safety', before: 'clear' }));
      const health = await describeBackupHealth(empty.config.paths.backups, new Date(), 26);
      expect(health.lastVerified).toBeNull();
    } finally {
      await empty.dispose();
    }
  });

  async function countBlobs(): Promise<number> {
    let n = 0;
    for await (const _ of openBlobStore(backupsDir).list()) n++;
    return n;
  }
});

/** Every stored file named by a row matches its hash, except `except`. */
async function expectFilesIntact(runtime: Runtime, except: string): Promise<void> {
  const rows = await runtime.db.kysely.selectFrom('documents').select('storage_key').execute();
  for (const { storage_key } of rows) {
    if (storage_key === except) continue;
    expect(await sha256File(runtime.files.pathOf(storage_key))).toBe(storage_key);
  }
}
