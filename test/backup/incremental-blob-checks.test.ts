/**
 * (4) Backups cost what changed: blob-checks.json records when each blob was hashed and its size
 * and mtime then. A backup re-hashes new blobs, blobs whose file changed, and a rolling share of
 * the rest, so silent rot (bytes changed, mtime kept) is still caught within CHECK_PERIOD_DAYS;
 * restore trusts recent checks but still stops on a blob that no longer matches.
 */
import { open, readFile, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { BLOB_CHECKS_FILE } from '../../src/backup/blob-checks.js';
import { openBlobStore } from '../../src/backup/blob-store.js';
import { createBackup } from '../../src/backup/create-backup.js';
import { resolveBackup } from '../../src/backup/resolve-backup.js';
import { restoreBackup } from '../../src/backup/restore-backup.js';
import { sha256File } from '../../src/files/durable-fs.js';
import type { Runtime } from '../../src/runtime.js';
import { DAY, manualClock } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';
import { createFixture, enrollmentIds, type Fixture, seedEnrollments } from './support.js';

const PERIOD_DAYS = 7;

describeEachEngine('backups that re-hash only what changed', (engine) => {
  let fixture: Fixture;
  let runtime: Runtime;
  const clock = manualClock(new Date('2026-04-01T03:00:00.000Z'));
  let keys: string[];

  beforeEach(async () => {
    fixture = await createFixture(engine);
    const opened = await fixture.open();
    runtime = { ...opened, now: clock.now };
    await seedEnrollments(runtime, 3);
    await createBackup(runtime, { kind: 'manual' });
    keys = Object.keys(await readChecks()).sort();
    expect(keys).toHaveLength(21);
  });
  afterEach(async () => {
    await runtime.close();
    await fixture.dispose();
  });

  const blobPath = (key: string) => openBlobStore(fixture.config.paths.backups).pathOf(key);
  const readChecks = async (): Promise<Record<string, [string, string, number?, number?]>> =>
    JSON.parse(await readFile(path.join(fixture.config.paths.backups, BLOB_CHECKS_FILE), 'utf8')).blobs;

  it('re-hashes a share a day and still catches silent rot within the period', { timeout: 120_000 }, async () => {
    // Rot in the key hashed last in the rolling order, with its mtime put back as bit rot leaves it.
    const rotted = keys[keys.length - 1] as string;
    await rotKeepingMtime(blobPath(rotted));
    let caughtOnDay: number | undefined;
    for (let day = 1; day <= PERIOD_DAYS; day++) {
      clock.advance(DAY);
      await createBackup(runtime, { kind: 'manual' });
      const hashedToday = Object.values(await readChecks()).filter(([, at]) => at === clock.now().toISOString());
      // New nothing, changed nothing: only the day's share (and the rotted blob once found) is read.
      expect(hashedToday.length).toBeLessThanOrEqual(Math.ceil(21 / PERIOD_DAYS) + 1);
      if (caughtOnDay === undefined && (await sha256File(blobPath(rotted))) === rotted) caughtOnDay = day;
    }
    // Repaired from the good live copy by the backup whose share held it, within the period.
    expect(caughtOnDay).toBeDefined();
    expect(caughtOnDay as number).toBeLessThanOrEqual(PERIOD_DAYS);
    expect(caughtOnDay as number).toBeGreaterThan(1);
  });

  it('re-hashes a share in proportion to the time since the last one', { timeout: 120_000 }, async () => {
    const hashedNow = async () =>
      Object.values(await readChecks()).filter(([, at]) => at === clock.now().toISOString()).length;
    // A minute after the last backup: a minute's share of a 7-day period rounds up to one blob.
    clock.advance(60_000);
    await createBackup(runtime, { kind: 'manual' });
    expect(await hashedNow()).toBe(1);
    // Half a period later: half of the blobs, the longest unchecked first.
    clock.advance((PERIOD_DAYS / 2) * DAY);
    await createBackup(runtime, { kind: 'manual' });
    expect(await hashedNow()).toBe(Math.ceil(21 / 2));
  });

  it('re-hashes at once a blob whose size or mtime changed since its check', { timeout: 120_000 }, async () => {
    // Not in the next share (the share takes the first keys in order); only its changed mtime can tell.
    const tampered = keys[keys.length - 1] as string;
    const handle = await open(blobPath(tampered), 'r+');
    await handle.write(Buffer.from('tampered'), 0, 8, 0);
    await handle.close();
    await utimes(blobPath(tampered), new Date(), new Date(Date.now() + 5_000));
    expect(await sha256File(blobPath(tampered))).not.toBe(tampered);
    await createBackup(runtime, { kind: 'manual' });
    expect(await sha256File(blobPath(tampered))).toBe(tampered);
    const [state, , size, mtimeMs] = (await readChecks())[tampered] ?? [];
    const info = await stat(blobPath(tampered));
    expect([state, size, mtimeMs]).toEqual(['ok', info.size, Math.trunc(info.mtimeMs)]);
  });

  it('restores without re-hashing trusted blobs, yet stops before the swap on one that rotted', {
    timeout: 120_000,
  }, async () => {
    const backup = (await createBackup(runtime, { kind: 'manual' })).name;
    const before = await enrollmentIds(runtime);
    await seedEnrollments(runtime, 1);
    await runtime.close();
    // The blob rots after its last check: the index still trusts it, the copy's hash does not.
    const rotted = keys[0] as string;
    await rotKeepingMtime(blobPath(rotted));
    await rotKeepingMtime(path.join(fixture.config.paths.files, rotted.slice(0, 2), rotted));
    const source = await resolveBackup(fixture.config.paths.backups, backup);
    await expect(restoreBackup(fixture.config, source)).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    runtime = { ...(await fixture.open()), now: clock.now };
    // Nothing was replaced: the enrollment added after the backup is still there.
    expect((await enrollmentIds(runtime)).length).toBe(before.length + 1);
  });
});

async function rotKeepingMtime(file: string): Promise<void> {
  const { atime, mtime } = await stat(file);
  const handle = await open(file, 'r+');
  try {
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, 11);
    byte[0] = (byte[0] ?? 0) ^ 0xff;
    await handle.write(byte, 0, 1, 11);
  } finally {
    await handle.close();
  }
  await utimes(file, atime, mtime);
}
