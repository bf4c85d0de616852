/**
 * One writer in the backup store: the lock names its holder, waits a bounded time, takes over a
 * lock left by a dead process, and lets the nested safety backup of a restore through. Then the
 * race the lock exists for: `byov prune` and `byov backup` started together at random offsets.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withBackupStoreLock } from '../../src/backup/backup-store-lock.js';
import { openBlobStore } from '../../src/backup/blob-store.js';
import { createBackup } from '../../src/backup/create-backup.js';
import { LOCK_FILE } from '../../src/backup/layout.js';
import { listBackups } from '../../src/backup/list-backups.js';
import { verifyBackup } from '../../src/backup/verify-backup.js';
import { makeTempDir } from '../support/engines.js';
import { createFixture, type Fixture, runByov, seedEnrollments, withRuntime } from './support.js';

/** The PID of a process that has just exited: no live process has it (for a while). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

describe('the backups folder lock', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    const temp = await makeTempDir('byov-lock-');
    dir = temp.dir;
    remove = temp.remove;
  });
  afterAll(() => remove());

  it('names a live holder after the bounded wait, and takes over once it is gone', async () => {
    const folder = path.join(dir, 'busy');
    await mkdir(folder);
    // The parent of this test process is alive; it plays another command holding the folder.
    const holder = { pid: process.ppid, host: hostname(), action: 'prune', startedAt: '2026-01-01T00:00:00.000Z' };
    await writeFile(path.join(folder, LOCK_FILE), JSON.stringify(holder));
    const waits: string[] = [];
    const busy = withBackupStoreLock(folder, 'backup', { waitMs: 300, onWait: (h) => waits.push(h.action) }, () =>
      Promise.resolve('ran'),
    );
    await expect(busy).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE' });
    await expect(busy).rejects.toThrow(new RegExp(`prune \\(PID ${process.ppid} on `));
    expect(waits).toEqual(['prune']);

    await writeFile(path.join(folder, LOCK_FILE), JSON.stringify({ ...holder, pid: await deadPid() }));
    let inside = '';
    const result = await withBackupStoreLock(folder, 'backup', { waitMs: 0 }, async () => {
      inside = await readFile(path.join(folder, LOCK_FILE), 'utf8');
      return 'ran';
    });
    expect(result).toBe('ran');
    expect(JSON.parse(inside)).toMatchObject({ pid: process.pid, action: 'backup' });
    await expect(readFile(path.join(folder, LOCK_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('serialises callers of one process and lets nested calls through', async () => {
    const folder = path.join(dir, 'queue');
    const order: string[] = [];
    const job = (name: string) =>
      withBackupStoreLock(folder, name, { waitMs: 5000 }, async () => {
        order.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        // A restore's safety backup takes the lock again inside the restore: it must not wait for itself.
        await withBackupStoreLock(folder, `${name} nested`, { waitMs: 0 }, async () => {
          order.push(`${name} nested`);
        });
        order.push(`${name} end`);
      });
    await Promise.all([job('a'), job('b')]);
    expect(order).toEqual(['a start', 'a nested', 'a end', 'b start', 'b nested', 'b end']);
  });

  it('releases the lock when the work fails', async () => {
    const folder = path.join(dir, 'fails');
    await expect(
      withBackupStoreLock(folder, 'backup', { waitMs: 0 }, () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    await expect(withBackupStoreLock(folder, 'backup', { waitMs: 0 }, async () => 'again')).resolves.toBe('again');
  });
});

describe('prune and backup started together', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await createFixture('sqlite');
    await withRuntime(fixture, async (runtime) => {
      await seedEnrollments(runtime, 3, 4096);
      await createBackup(runtime, { kind: 'manual' });
    });
  });
  afterAll(() => fixture.dispose());

  it('never lists a backup that does not verify (30 runs at random offsets)', { timeout: 600_000 }, async () => {
    // Keep only the newest backup, so every prune removes the previous one and the blobs it names:
    // exactly the blobs the concurrent backup reuses.
    const env = {
      ...fixture.env,
      BACKUP_KEEP_LAST: '1',
      BACKUP_KEEP_DAILY: '0',
      BACKUP_KEEP_WEEKLY: '0',
      BACKUP_KEEP_MONTHLY: '0',
    };
    const blobs = openBlobStore(fixture.config.paths.backups);
    for (let run = 0; run < 30; run++) {
      const offsetMs = Math.floor(Math.random() * 600);
      const [backup, prune] = await Promise.all([
        runByov(['backup', '--json'], env),
        new Promise((resolve) => setTimeout(resolve, offsetMs)).then(() => runByov(['prune', '--json'], env)),
      ]);
      expect({ run, offsetMs, code: backup.code, stderr: backup.stderr }).toMatchObject({ code: 0 });
      expect({ run, offsetMs, code: prune.code, stderr: prune.stderr }).toMatchObject({ code: 0 });
      const reported = JSON.parse(backup.stdout).name as string;
      const listed = await listBackups(fixture.config.paths.backups);
      expect(listed.map((b) => b.name)).toContain(reported);
      for (const listing of listed) {
        const report = await verifyBackup(
          { type: 'managed', name: listing.name, dir: listing.path, backupsDir: fixture.config.paths.backups },
          { dataDir: fixture.dir, liveFiles: blobs, blobs },
        );
        expect({ run, offsetMs, name: listing.name, problems: report.problems }).toEqual({
          run,
          offsetMs,
          name: listing.name,
          problems: [],
        });
      }
    }
  });
});
