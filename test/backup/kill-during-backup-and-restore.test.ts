/**
 * (b) `byov backup` and `byov restore` SIGKILLed at many points. After every kill: each backup
 * `list` shows is complete and verifies, nothing partial is visible, and the live database is
 * sound and holds either the old state or the new one — never a mix.
 *
 * Kill points are anchored to the commands' own progress lines ("<step> … done" on stderr), so
 * each lands inside a known step however long start-up takes on a busy machine — the "advance
 * the failure point each loop" method of SQLite's crash tests — plus a few during start-up.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openBlobStore } from '../../src/backup/blob-store.js';
import { createBackup } from '../../src/backup/create-backup.js';
import { isBackupFolderName, OWNER_FILE, PARTIAL_PREFIX } from '../../src/backup/layout.js';
import { blobsReferencedBy, listBackups } from '../../src/backup/list-backups.js';
import { resolveBackup } from '../../src/backup/resolve-backup.js';
import { restoreBackup } from '../../src/backup/restore-backup.js';
import { verifyBackup } from '../../src/backup/verify-backup.js';
import { openRuntime } from '../../src/runtime.js';
import { describeEachEngine, type EngineName } from '../support/engines.js';
import {
  createFixture,
  enrollmentIds,
  type Fixture,
  type KillPoint,
  runByov,
  seedEnrollments,
  withRuntime,
} from './support.js';

/**
 * Backup prints: Database snapshot (SQLite: checked meanwhile), (SQLite: Snapshot checksum), Files,
 * (PostgreSQL: Snapshot checksum, Test open), File hashes (then it publishes). Line 1 + a
 * delay lands inside the blob copies, the longest step; the last line brackets the publish.
 */
const BACKUP_KILLS: Record<EngineName, KillPoint[]> = {
  sqlite: [
    { afterLine: 0, delayMs: 300 },
    { afterLine: 1, delayMs: 0 },
    { afterLine: 1, delayMs: 40 },
    { afterLine: 1, delayMs: 150 },
    { afterLine: 2, delayMs: 0 },
    { afterLine: 3, delayMs: 0 },
    { afterLine: 4, delayMs: 0 },
    { afterLine: 4, delayMs: 5 },
  ],
  postgres: [
    { afterLine: 1, delayMs: 0 },
    { afterLine: 1, delayMs: 80 },
    { afterLine: 3, delayMs: 0 },
    { afterLine: 5, delayMs: 0 },
  ],
};

/**
 * Restore prints: Verify › (3 steps), Safety backup › (5 steps), Prepare the new database,
 * Files, Replace the database. Lines 10 and 11 bracket the swap itself.
 */
const RESTORE_KILLS: Record<EngineName, KillPoint[]> = {
  sqlite: [
    { afterLine: 1, delayMs: 0 },
    { afterLine: 3, delayMs: 0 },
    { afterLine: 4, delayMs: 20 },
    { afterLine: 8, delayMs: 0 },
    { afterLine: 9, delayMs: 0 },
    { afterLine: 10, delayMs: 0 },
    { afterLine: 10, delayMs: 3 },
    { afterLine: 11, delayMs: 0 },
  ],
  postgres: [
    { afterLine: 2, delayMs: 0 },
    { afterLine: 8, delayMs: 0 },
    { afterLine: 10, delayMs: 0 },
    { afterLine: 10, delayMs: 10 },
  ],
};

const ENROLLMENTS_PER_STATE = 10;
const FILE_BYTES = 40_000;

describeEachEngine('SIGKILL during backup and restore', (engine) => {
  let fixture: Fixture;
  beforeEach(async () => {
    fixture = await createFixture(engine);
  });
  afterEach(async () => {
    await fixture.dispose();
  });

  it('keeps every complete backup good and the live data whole', { timeout: 240_000 }, async () => {
    const backupsDir = fixture.config.paths.backups;
    const smaller = await seed(fixture, ENROLLMENTS_PER_STATE, { backup: true });
    const larger = await seed(fixture, ENROLLMENTS_PER_STATE);
    const states = [smaller, larger];

    let sawPartial = false;
    for (const kill of BACKUP_KILLS[engine]) {
      // Blobs a killed run copied would make the next run's copy step trivial; start it afresh.
      await dropBlobsNoBackupNeeds(backupsDir);
      const run = await runByov(['backup'], fixture.env, { kill });
      sawPartial ||= run.signal === 'SIGKILL' && (await partialFolders(backupsDir)).length > 0;
      expect(await checkConsistency(fixture, engine, states)).toEqual(larger);
    }
    expect(sawPartial).toBe(true);
    // The next backup removes what the killed ones left (and gives the larger state a backup).
    await withRuntime(fixture, (runtime) => createBackup(runtime, { kind: 'manual' }));
    expect(await partialFolders(backupsDir, { ownedOnly: true })).toEqual([]);

    // Restore back and forth between a backup of each state; a kill must leave one or the other.
    const backupHolding = async (ids: string[]) =>
      (await listBackups(backupsDir)).find((b) => b.enrollments === ids.length)?.name as string;
    let live = larger;
    let sawRestoreWork = false;
    for (const kill of RESTORE_KILLS[engine]) {
      const target = await backupHolding(live === smaller ? larger : smaller);
      const backupsBefore = (await listBackups(backupsDir)).length;
      const run = await runByov(['restore', '--yes', target], fixture.env, { kill });
      const leftCopy = existsSync(path.join(fixture.dir, 'byov.db.restoring'));
      live = (await checkConsistency(fixture, engine, states)).join() === smaller.join() ? smaller : larger;
      const tookSafetyBackup = (await listBackups(backupsDir)).length > backupsBefore;
      sawRestoreWork ||= run.signal === 'SIGKILL' && (leftCopy || tookSafetyBackup);
    }
    expect(sawRestoreWork).toBe(true);
    // A complete restore afterwards also removes what the killed ones left behind.
    const target = await backupHolding(live === smaller ? larger : smaller);
    await restoreBackup(fixture.config, await resolveBackup(backupsDir, target));
    expect(await checkConsistency(fixture, engine, states)).toEqual(live === smaller ? larger : smaller);
    expect(existsSync(path.join(fixture.dir, 'byov.db.restoring'))).toBe(false);
  });
});

async function seed(fixture: Fixture, count: number, options: { backup?: boolean } = {}): Promise<string[]> {
  return withRuntime(fixture, async (runtime) => {
    await seedEnrollments(runtime, count, FILE_BYTES);
    if (options.backup) await createBackup(runtime, { kind: 'manual' });
    return enrollmentIds(runtime);
  });
}

async function dropBlobsNoBackupNeeds(backupsDir: string): Promise<void> {
  const needed = new Set<string>();
  for (const backup of await listBackups(backupsDir))
    for (const key of await blobsReferencedBy(backup)) needed.add(key);
  const blobs = openBlobStore(backupsDir);
  for await (const blob of blobs.list()) if (!needed.has(blob.key)) await blobs.remove(blob.key);
}

async function partialFolders(backupsDir: string, options: { ownedOnly?: boolean } = {}): Promise<string[]> {
  const partial = (await readdir(backupsDir)).filter((name) => name.startsWith(PARTIAL_PREFIX));
  // A folder killed between its mkdir and its owner file is left for a minute by design.
  return options.ownedOnly ? partial.filter((name) => existsSync(path.join(backupsDir, name, OWNER_FILE))) : partial;
}

/**
 * Every visible backup folder is a listed, complete backup that verifies; the live database
 * passes integrity_check (SQLite) and holds exactly one of `states`. Returns the live state.
 */
async function checkConsistency(fixture: Fixture, engine: EngineName, states: string[][]): Promise<string[]> {
  const runtime = await openRuntime(fixture.config, { migrate: false });
  try {
    if (engine === 'sqlite') {
      const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(runtime.db.kysely);
      expect(rows).toEqual([{ integrity_check: 'ok' }]);
    }
    const ids = await enrollmentIds(runtime);
    expect(states.map((s) => s.join())).toContain(ids.join());

    const backupsDir = fixture.config.paths.backups;
    const listed = await listBackups(backupsDir);
    const visible = (await readdir(backupsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() && isBackupFolderName(entry.name))
      .map((entry) => entry.name);
    expect(listed.map((b) => b.name).sort()).toEqual(visible.sort());
    for (const backup of listed) {
      const report = await verifyBackup(
        { type: 'managed', name: backup.name, dir: backup.path, backupsDir },
        { dataDir: fixture.dir, liveFiles: runtime.files, blobs: openBlobStore(backupsDir) },
      );
      expect(report.problems, backup.name).toEqual([]);
    }
    return ids;
  } finally {
    await runtime.close();
  }
}
