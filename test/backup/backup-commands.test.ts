/**
 * Naming, listing, finding and removing backups, backup health, and the commands' contract:
 * `--help` and `--json` everywhere, exit codes 0 (ok), 1 (failed), 2 (bad usage).
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBackupHealth } from '../../src/backup/backup-health.js';
import { createBackup } from '../../src/backup/create-backup.js';
import { listBackups } from '../../src/backup/list-backups.js';
import { removeBackup } from '../../src/backup/remove-backup.js';
import { resolveBackup } from '../../src/backup/resolve-backup.js';
import { registerBackup } from '../../src/cli/commands/backup.js';
import { registerClear } from '../../src/cli/commands/clear.js';
import { registerList } from '../../src/cli/commands/list.js';
import { registerRestore } from '../../src/cli/commands/restore.js';
import { registerVerify } from '../../src/cli/commands/verify.js';
import type { Runtime } from '../../src/runtime.js';
import { startServerProcess } from '../support/server-process.js';
import { createFixture, type Fixture, runByov, seedEnrollments } from './support.js';

const at = (iso: string) => ({ now: () => new Date(iso) });

describe('backup names, list and removal', () => {
  let fixture: Fixture;
  let runtime: Runtime;
  let backupsDir: string;

  beforeAll(async () => {
    fixture = await createFixture('sqlite');
    runtime = await fixture.open();
    backupsDir = fixture.config.paths.backups;
    await seedEnrollments(runtime, 2);
  });
  afterAll(async () => {
    await runtime.close();
    await fixture.dispose();
  });

  it('names backups by UTC second and never lets two collide', async () => {
    const sameSecond = { ...runtime, ...at('2026-01-02T03:04:05.678Z') };
    const names = [];
    for (let i = 0; i < 3; i++) names.push((await createBackup(sameSecond, { kind: 'manual' })).name);
    expect(names).toEqual([
      'byov_backup_20260102_030405',
      'byov_backup_20260102_030405_2',
      'byov_backup_20260102_030405_3',
    ]);
    const safety = await createBackup(
      { ...runtime, ...at('2026-01-02T03:04:05Z') },
      { kind: 'safety', before: 'restore' },
    );
    expect(safety.name).toBe('before_restore_20260102_030405');
  });

  it('lists newest first with the fields people and the retention job need', async () => {
    await createBackup({ ...runtime, ...at('2026-03-01T00:00:00Z') }, { kind: 'scheduled' });
    const listed = await listBackups(backupsDir);
    expect(listed[0]).toMatchObject({
      name: 'byov_backup_20260301_000000',
      kind: 'scheduled',
      createdAt: new Date('2026-03-01T00:00:00Z'),
      engine: 'sqlite',
      verified: true,
      enrollments: 2,
      files: 14,
      path: path.join(backupsDir, 'byov_backup_20260301_000000'),
    });
    expect(listed[0]?.sizeBytes).toBeGreaterThan(14 * 2048);
    const times = listed.map((b) => b.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const human = await runByov(['list'], fixture.env);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/CREATED \(UTC\)/);
    expect(human.stdout).toMatch(/before_restore_20260102_030405 \*/);
    const json = await runByov(['list', '--json'], fixture.env);
    expect(JSON.parse(json.stdout).map((b: { name: string }) => b.name)).toEqual(listed.map((b) => b.name));
  });

  it('ignores work in progress and leftovers, and the next backup removes abandoned ones', async () => {
    const dead = await deadPid();
    await makeFolder('.partial-abandoned', { '.owner.pid': String(dead) });
    await makeFolder('.partial-in-progress', { '.owner.pid': String(process.pid) });
    await makeFolder('.deleting-old', { 'manifest.json': '{}' });
    await makeFolder('no-manifest', {});
    await makeFolder('not-a-backup', { 'manifest.json': '{"format":"something-else"}' });
    const names = (await listBackups(backupsDir)).map((b) => b.name);
    expect(names.some((n) => n.startsWith('.') || n === 'no-manifest' || n === 'not-a-backup')).toBe(false);

    await createBackup(runtime, { kind: 'manual' });
    const left = await readdir(backupsDir);
    expect(left).not.toContain('.partial-abandoned');
    expect(left).not.toContain('.deleting-old');
    expect(left).toContain('.partial-in-progress');
  });

  it('finds a backup by name, with an extension, or by path', async () => {
    const name = 'byov_backup_20260301_000000';
    const dir = path.join(backupsDir, name);
    for (const reference of [
      name,
      `${name}.db`,
      dir,
      path.join(dir, 'manifest.json'),
      path.join(dir, 'database.sqlite'),
    ]) {
      expect(await resolveBackup(backupsDir, reference)).toMatchObject({ type: 'managed', name, dir });
    }
    expect(await resolveBackup(backupsDir, path.join(fixture.dir, 'byov.db'))).toMatchObject({ type: 'plain' });
    await expect(resolveBackup(backupsDir, 'byov_backup_19990101_000000')).rejects.toMatchObject({
      code: 'BACKUP_NOT_FOUND',
    });
  });

  it('removes a backup so that it is never half-listed', async () => {
    await removeBackup(backupsDir, 'byov_backup_20260102_030405_3');
    expect((await listBackups(backupsDir)).map((b) => b.name)).not.toContain('byov_backup_20260102_030405_3');
    await expect(removeBackup(backupsDir, 'byov_backup_20260102_030405_3')).rejects.toMatchObject({
      code: 'BACKUP_NOT_FOUND',
    });
    await expect(removeBackup(backupsDir, '../outside')).rejects.toMatchObject({ code: 'BACKUP_NOT_FOUND' });
  });

  it('reports the age of the last verified backup and warns when it is too old', async () => {
    const newest = (await listBackups(backupsDir)).find((b) => b.verified);
    const soon = new Date((newest?.createdAt.getTime() ?? 0) + 2 * 3_600_000);
    expect(await describeBackupHealth(backupsDir, soon, 26)).toEqual({
      lastVerified: { name: newest?.name, ageHours: 2 },
    });
    const late = new Date(soon.getTime() + 48 * 3_600_000);
    expect((await describeBackupHealth(backupsDir, late, 26)).warning).toMatch(/50 hours old/);
    expect(await describeBackupHealth(path.join(fixture.dir, 'nowhere'), soon, 26)).toMatchObject({
      lastVerified: null,
      warning: expect.stringMatching(/no verified backup/),
    });
  });

  async function makeFolder(name: string, files: Record<string, string>): Promise<void> {
    await mkdir(path.join(backupsDir, name), { recursive: true });
    for (const [file, text] of Object.entries(files)) await writeFile(path.join(backupsDir, name, file), text);
  }
});

describe('byov backup, list, verify, restore and clear as commands', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await createFixture('sqlite');
    const runtime = await fixture.open();
    await seedEnrollments(runtime, 1);
    await runtime.close();
  });
  afterAll(async () => {
    await fixture.dispose();
  });

  it('each has --help and --json', () => {
    const program = new Command('byov');
    for (const register of [registerBackup, registerList, registerVerify, registerRestore, registerClear]) {
      register(program);
    }
    for (const command of program.commands) {
      expect(command.helpInformation(), command.name()).toMatch(/--json/);
      expect(command.description().length).toBeGreaterThan(10);
    }
  });

  it('exits 0 when it worked, 1 when it failed, 2 on bad usage; --json output parses', async () => {
    const backup = await runByov(['backup', '--json'], fixture.env);
    expect(backup.code, backup.stderr).toBe(0);
    const { name } = JSON.parse(backup.stdout);
    expect(name).toMatch(/^byov_backup_\d{8}_\d{6}$/);

    const verified = await runByov(['verify', name, '--json'], fixture.env);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ name, ok: true, problems: [] });

    expect((await runByov(['verify'], fixture.env)).code).toBe(2);
    const missing = await runByov(['verify', 'no_such_backup', '--json'], fixture.env);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.code).toBe('BACKUP_NOT_FOUND');

    const status = await runByov(['status', '--json'], fixture.env);
    expect(JSON.parse(status.stdout).backup).toMatchObject({ lastVerified: { name } });

    // The running server reports it too, on GET /health, to a caller with the admin token.
    const adminToken = 'backup-test-admin-token-0123456789';
    const server = await startServerProcess({ ...fixture.env, ADMIN_TOKEN: adminToken });
    try {
      const anonymous = await (await fetch(`${server.url}/health`)).json();
      expect(anonymous).not.toHaveProperty('backup');
      const health = await (
        await fetch(`${server.url}/health`, { headers: { authorization: `Bearer ${adminToken}` } })
      ).json();
      expect(health).toMatchObject({ status: 'ok', backup: { lastVerified: { name } } });
    } finally {
      await server.stop();
    }
  });
});

/** The PID of a process that has exited (and been reaped), as a killed backup leaves behind. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}
