/**
 * (8) Out of space: a backup that does not fit stops before writing (it needs more than is free)
 * or, when the disk fills while it writes, removes what it wrote at once; either way it says how
 * much it needed and how much was free, and earlier backups stay intact. The backups folder is a
 * real, small tmpfs, which needs root (as in CI); elsewhere this test is skipped.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile, rm, statfs } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBlobStore } from '../../src/backup/blob-store.js';
import { createBackup } from '../../src/backup/create-backup.js';
import { listBackups } from '../../src/backup/list-backups.js';
import { resolveBackup } from '../../src/backup/resolve-backup.js';
import { verifyBackup } from '../../src/backup/verify-backup.js';
import { isAppError } from '../../src/errors.js';
import type { Runtime } from '../../src/runtime.js';
import { describeEachEngine } from '../support/engines.js';
import { createFixture, type Fixture, seedEnrollments, withRuntime } from './support.js';

/** Root may still lack the right to mount (a container without CAP_SYS_ADMIN): try once. */
function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'byov-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const canMount = canMountTmpfs();
const TMPFS_BYTES = 4 * 1024 * 1024;
const FILLER = 'filler.bin';

// A real small disk needs root (allowed to mount a tmpfs): CI runs as root and must run these;
// elsewhere they are skipped with the reason printed, like the PostgreSQL and browser suites.
if (!canMount) {
  const reason = 'the out-of-space backup tests need root (allowed to mount a small tmpfs)';
  if (process.env.CI) throw new Error(`${reason}, and CI must run them`);
  process.stderr.write(`\n!! Skipping: ${reason}.\n\n`);
}

describe.skipIf(!canMount)('on a small real disk', () => {
  describeEachEngine('a backup that runs out of space', (engine) => {
    let fixture: Fixture;
    let backupsDir: string;
    let first: string;

    beforeAll(async () => {
      fixture = await createFixture(engine);
      backupsDir = fixture.config.paths.backups;
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_BYTES}`, 'tmpfs', backupsDir]);
      await withRuntime(fixture, async (runtime) => {
        await seedEnrollments(runtime, 2, 20_000);
        first = (await createBackup(runtime, { kind: 'manual' })).name;
      });
    });
    afterAll(async () => {
      if (backupsDir) execFileSync('umount', [backupsDir]);
      await fixture?.dispose();
    });

    it('removes every partial file at once when the disk fills while it copies', { timeout: 120_000 }, async () => {
      await withRuntime(fixture, async (runtime) => {
        await seedEnrollments(runtime, 3, 50_000);
        const before = await fingerprint(backupsDir);
        // The up-front check passes; then the disk fills up as the files start to be copied.
        const failure = await createBackup(runtime, {
          kind: 'manual',
          onProgress: (event) => {
            if (event.label === 'Files' && event.done === 0) fillDisk(backupsDir, 100_000);
          },
        }).catch((error: unknown) => error);
        expectOutOfSpace(failure);
        await rm(path.join(backupsDir, FILLER));
        expect(await fingerprint(backupsDir)).toEqual(before);
        await expectVerified(runtime, [first]);
        // With the space back, the same backup succeeds and holds the new files.
        const next = await createBackup(runtime, { kind: 'manual' });
        expect(next.newFiles).toBe(21);
        await expectVerified(runtime, [next.name, first]);
      });
    });

    it('refuses before writing anything when the new files cannot fit', { timeout: 120_000 }, async () => {
      await withRuntime(fixture, async (runtime) => {
        await seedEnrollments(runtime, 6, 100_000);
        const before = await fingerprint(backupsDir);
        const free = await freeBytes(backupsDir);
        const failure = await createBackup(runtime, { kind: 'manual' }).catch((error: unknown) => error);
        const details = expectOutOfSpace(failure);
        expect(details.neededBytes).toBeGreaterThan(42 * 100_000);
        // The lock file takes a block of what was free when the backup looked.
        expect(details.freeBytes).toBeLessThanOrEqual(free);
        expect(details.freeBytes).toBeGreaterThan(free - 64 * 1024);
        expect(await fingerprint(backupsDir)).toEqual(before);
        expect((await listBackups(backupsDir)).length).toBe(2);
        await expectVerified(
          runtime,
          (await listBackups(backupsDir)).map((b) => b.name),
        );
      });
    });

    async function expectVerified(runtime: Runtime, names: string[]): Promise<void> {
      expect((await listBackups(backupsDir)).map((b) => b.name)).toEqual(names);
      for (const name of names) {
        const report = await verifyBackup(await resolveBackup(backupsDir, name), {
          dataDir: fixture.dir,
          liveFiles: runtime.files,
          blobs: openBlobStore(backupsDir),
        });
        expect(report.problems).toEqual([]);
      }
    }
  });
});

function expectOutOfSpace(failure: unknown): { neededBytes: number; freeBytes: number } {
  expect(isAppError(failure) && failure.code).toBe('STORAGE_FULL');
  const error = failure as Error & { details: { neededBytes: number; freeBytes: number } };
  expect(error.message).toMatch(/needs about \d+\.\d MB .* only \d+\.\d MB was free/);
  expect(error.message).toContain('earlier backups are unchanged');
  return error.details;
}

async function freeBytes(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return Number(stats.bavail) * Number(stats.bsize);
}

/** Fills the file system of `dir` up to `leaveBytes` free (synchronously, inside a progress callback). */
function fillDisk(dir: string, leaveBytes: number): void {
  const output = execFileSync('df', ['-B1', '--output=avail', dir], { encoding: 'utf8' });
  const available = Number(output.trim().split('\n').pop());
  execFileSync('fallocate', ['-l', String(Math.max(0, available - leaveBytes)), path.join(dir, FILLER)]);
}

/** Every path under `dir` with the SHA-256 of each file (the lock file comes and goes). */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.name === '.lock') continue;
    result[path.relative(dir, file)] = entry.isFile()
      ? createHash('sha256')
          .update(await readFile(file))
          .digest('hex')
      : 'dir';
  }
  return result;
}
