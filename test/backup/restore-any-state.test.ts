/**
 * (1) Restore and clear work whatever state the live data is in: the database missing, not a
 * database at all, failing integrity_check; data/files missing; stored files missing or damaged.
 * The safety backup keeps what can be read and is listed as partial, naming what could not; the
 * restore ends with every enrollment and every file back, hashes equal.
 */
import { open, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createBackup } from '../../src/backup/create-backup.js';
import { listBackups } from '../../src/backup/list-backups.js';
import { sha256File } from '../../src/files/durable-fs.js';
import { describeEachEngine, type EngineName } from '../support/engines.js';
import {
  allRows,
  createFixture,
  enrollmentIds,
  type Fixture,
  runByov,
  seedEnrollments,
  withRuntime,
} from './support.js';

type Damage = (fixture: Fixture) => Promise<void>;

const FILE_STATES: Record<string, Damage> = {
  'data/files is gone': (f) => rm(f.config.paths.files, { recursive: true, force: true }),
  'some stored files are missing or damaged': async (f) => {
    const keys = await storedKeys(f);
    await rm(path.join(f.config.paths.files, keys[0]?.slice(0, 2) as string, keys[0] as string));
    await scribble(path.join(f.config.paths.files, keys[1]?.slice(0, 2) as string, keys[1] as string), 5);
  },
};

const DATABASE_STATES: Record<string, Damage> = {
  'the database file is missing': async (f) => {
    for (const suffix of ['', '-wal', '-shm']) await rm(`${databaseFile(f)}${suffix}`, { force: true });
  },
  'the database file is garbage': (f) => writeFile(databaseFile(f), Buffer.alloc(64 * 1024, 'not a database ')),
  'the database file fails integrity_check': async (f) => {
    const { size } = await stat(databaseFile(f));
    // The last pages hold table and index b-trees; the header and schema on page 1 stay readable.
    await scribble(databaseFile(f), size - 3 * 4096);
  },
  'the database is truncated and data/files is gone': async (f) => {
    const handle = await open(databaseFile(f), 'r+');
    await handle.truncate(6000);
    await handle.close();
    await rm(f.config.paths.files, { recursive: true, force: true });
  },
};

describeEachEngine('restore and clear whatever state the live data is in', (engine: EngineName) => {
  let fixture: Fixture;
  let backup: string;
  let expected: { ids: string[]; rows: unknown; hashes: string[] };

  beforeEach(async () => {
    fixture = await createFixture(engine);
    await withRuntime(fixture, async (runtime) => {
      await seedEnrollments(runtime, 4);
      backup = (await createBackup(runtime, { kind: 'manual' })).name;
      expected = { ids: await enrollmentIds(runtime), rows: await allRows(runtime.db.kysely), hashes: [] };
    });
    expected.hashes = await fileHashes(fixture);
  });
  afterEach(() => fixture.dispose());

  const states = engine === 'sqlite' ? { ...FILE_STATES, ...DATABASE_STATES } : FILE_STATES;
  for (const [state, damage] of Object.entries(states)) {
    it(`restores when ${state}`, { timeout: 240_000 }, async () => {
      await damage(fixture);
      const result = await runByov(['restore', backup, '--yes', '--json'], fixture.env);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const summary = JSON.parse(result.stdout);
      await withRuntime(fixture, async (runtime) => {
        expect(await enrollmentIds(runtime)).toEqual(expected.ids);
        expect(await allRows(runtime.db.kysely)).toEqual(expected.rows);
      });
      expect(await fileHashes(fixture)).toEqual(expected.hashes);
      const safety = (await listBackups(fixture.config.paths.backups)).find((b) => b.name === summary.safetyBackup);
      if (state in DATABASE_STATES) {
        expect(summary.safetyBackupPartial[0]).toMatch(/database/);
        expect(safety).toMatchObject({ partial: true, verified: false });
        const list = await runByov(['list'], fixture.env);
        expect(list.stdout).toMatch(new RegExp(`${summary.safetyBackup} \\*.*PARTIAL`));
      } else {
        expect(summary.safetyBackupPartial).toBeNull();
      }
    });
  }

  const clearStates =
    engine === 'sqlite' ? ['the database file is garbage', 'the database file fails integrity_check'] : [];
  for (const state of ['some stored files are missing or damaged', ...clearStates]) {
    it(`clears when ${state}, and the safety backup keeps every readable file`, { timeout: 240_000 }, async () => {
      const damage = { ...FILE_STATES, ...DATABASE_STATES }[state] as Damage;
      await damage(fixture);
      const intact = await fileHashes(fixture);
      const result = await runByov(['clear', '--yes', '--json'], fixture.env);
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
      const summary = JSON.parse(result.stdout);
      expect(summary.after).toMatchObject({ enrollments: 0, documents: 0, storedFiles: 0 });
      await withRuntime(fixture, async (runtime) => expect(await enrollmentIds(runtime)).toEqual([]));
      // Every file that was still good is in the blob store.
      const blobs = await blobKeys(fixture);
      for (const key of intact) expect(blobs).toContain(key);
    });
  }
});

function databaseFile(f: Fixture): string {
  if (f.config.database.engine !== 'sqlite') throw new Error('SQLite only');
  return f.config.database.file;
}

async function storedKeys(f: Fixture): Promise<string[]> {
  const keys: string[] = [];
  for (const prefix of await readdir(f.config.paths.files).catch(() => [] as string[])) {
    keys.push(...(await readdir(path.join(f.config.paths.files, prefix))));
  }
  return keys.sort();
}

/** The hashes of the files whose content still matches their name, sorted. */
async function fileHashes(f: Fixture): Promise<string[]> {
  const good: string[] = [];
  for (const key of await storedKeys(f)) {
    if ((await sha256File(path.join(f.config.paths.files, key.slice(0, 2), key))) === key) good.push(key);
  }
  return good;
}

async function blobKeys(f: Fixture): Promise<string[]> {
  const dir = path.join(f.config.paths.backups, 'blobs');
  const keys: string[] = [];
  for (const prefix of await readdir(dir)) keys.push(...(await readdir(path.join(dir, prefix))));
  return keys;
}

/** Overwrites 512 bytes at `at` with a pattern, as a failing disk or a stray write would. */
async function scribble(file: string, at: number): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.write(Buffer.alloc(512, 0xa5), 0, 512, Math.max(0, at));
  } finally {
    await handle.close();
  }
}
