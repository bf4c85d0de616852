/**
 * The `byov import-legacy` command as people run it, and `byov restore` pointing the way when
 * it is handed the earlier version's database or JSON backup.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allRows, createFixture, type Fixture, runByov, seedEnrollments, withRuntime } from '../backup/support.js';
import { makeTempDir } from '../support/engines.js';
import { type LegacyInstallation, legacyJsonBackup, writeLegacyInstallation } from './legacy-fixtures.js';

describe('byov import-legacy and restore of an earlier file', () => {
  let target: Fixture;
  let temp: { dir: string; remove(): Promise<void> };
  let installation: LegacyInstallation;
  beforeEach(async () => {
    target = await createFixture('sqlite');
    temp = await makeTempDir('byov-legacy-cli-');
    installation = await writeLegacyInstallation(path.join(temp.dir, 'old'), 'head');
  });
  afterEach(async () => {
    await target.dispose();
    await temp.remove();
  });

  it('prints a dry-run report, then imports with --apply, then adds nothing', async () => {
    const text = await runByov(['import-legacy', installation.root, '--timezone', 'America/Chicago'], target.env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Dry run: nothing was changed.');
    expect(text.stdout).toContain('read in America/Chicago');
    expect(text.stdout).toMatch(
      /Missing files:\n {2}earlier #2 \(tech ID AB 12\):\n {4}vehicle uploads\/.*vehicle_2\.jpg: not found/,
    );
    expect(await withRuntime(target, (r) => allRows(r.db.kysely))).toMatchObject({ enrollments: [] });

    const applied = await runByov(['import-legacy', installation.root, '--apply', '--json'], target.env);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ mode: 'applied', imported: 3, timeZone: 'UTC' });

    const again = await runByov(['import-legacy', installation.root, '--apply', '--json'], target.env);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, counts: { alreadyImported: 3 } });
    const rows = await withRuntime(target, (r) => allRows(r.db.kysely));
    expect(rows.enrollments).toHaveLength(3);
  });

  it('refuses an unknown time zone as a usage problem, without reading further', async () => {
    const result = await runByov(
      ['import-legacy', installation.root, '--timezone', 'Nowhere/Atlantis', '--json'],
      target.env,
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('restore recognises the earlier database and JSON backup and points to import-legacy', async () => {
    await withRuntime(target, (runtime) => seedEnrollments(runtime, 1));
    const before = await withRuntime(target, (r) => allRows(r.db.kysely));
    const sqliteBackup = path.join(installation.root, 'data', 'backups', 'byov_backup_20251203_090000.db');
    await copyFile(installation.database, sqliteBackup);
    const jsonBackup = path.join(installation.root, 'data', 'backups', 'byov_backup_20251203_090001.json');
    await writeFile(jsonBackup, JSON.stringify(legacyJsonBackup(installation.records)));
    const sqliteBytes = await readFile(sqliteBackup);

    const plain = await runByov(['restore', sqliteBackup, '--yes'], target.env);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('earlier version of BYOV Enrollment');
    expect(plain.stderr).toContain(`byov import-legacy ${sqliteBackup}`);
    const json = await runByov(['restore', jsonBackup, '--yes', '--json'], target.env);
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: { code: 'BACKUP_INVALID', message: expect.stringContaining('byov import-legacy') },
    });

    expect(await withRuntime(target, (r) => allRows(r.db.kysely))).toEqual(before);
    expect((await readFile(sqliteBackup)).equals(sqliteBytes)).toBe(true);
  });
});
