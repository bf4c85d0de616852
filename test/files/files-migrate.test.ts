/**
 * `byov files migrate`: every stored file copied to the other store and read back there, the
 * source left as it was, an interrupted run resumed, and completion claimed only when all hold.
 */
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type FilesMigrationDeps, migrateFiles } from '../../src/domain/files/migrate-files.js';
import type { FileStore } from '../../src/files/file-store.js';
import { LocalFileStore } from '../../src/files/local-file-store.js';
import { openS3FileStore, type S3FileStore } from '../../src/files/s3-file-store.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { createFixture, type Fixture, seedEnrollments } from '../backup/support.js';
import { describeEachEngine } from '../support/engines.js';
import { createTestBucket, describeWithS3, S3_TEST_CREDENTIALS } from '../support/s3-server.js';

async function keysOf(store: FileStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const file of store.list()) keys.push(file.key);
  return keys.sort();
}

async function hashOf(store: FileStore, key: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of store.read(key)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A store that fails every commit after the first `allowed`, as a process killed mid-run would stop. */
function failingAfter(store: FileStore, allowed: number): FileStore {
  let commits = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'commit') {
        return async (...args: Parameters<FileStore['commit']>) => {
          if (++commits > allowed) throw new Error('interrupted');
          return target.commit(...args);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describeWithS3('', () =>
  describeEachEngine('byov files migrate', (engine) => {
    let fixture: Fixture;
    let runtime: Runtime;
    let bucket: S3FileStore;
    let deps: FilesMigrationDeps;

    beforeEach(async () => {
      fixture = await createFixture(engine);
      runtime = await fixture.open();
      await seedEnrollments(runtime, 3, 3000);
      const { settings } = await createTestBucket();
      bucket = await openS3FileStore(settings, path.join(fixture.dir, 'tmp', 'uploads'), {
        credentials: S3_TEST_CREDENTIALS,
      });
      deps = {
        db: runtime.db,
        source: runtime.files,
        destination: bucket,
        destinationLabel: `s3://${settings.bucket}/${settings.prefix}`,
        journalPath: path.join(fixture.dir, 'tmp', 'files-migration-to-s3.log'),
      };
    });
    afterEach(async () => {
      bucket.close();
      await runtime.close();
      await fixture.dispose();
    });

    it('copies every file to the bucket, verifies each there and leaves the source as it was', async () => {
      const before = await keysOf(runtime.files);
      expect(before.length).toBeGreaterThan(10);
      const report = await migrateFiles(deps);
      expect(report).toMatchObject({ total: before.length, copied: before.length, problems: [], complete: true });
      expect(await keysOf(bucket)).toEqual(before);
      for (const key of before) expect(await hashOf(bucket, key)).toBe(key);
      expect(await keysOf(runtime.files)).toEqual(before);

      // Run again: nothing is copied twice, and it is still complete.
      const again = await migrateFiles(deps);
      expect(again).toMatchObject({ copied: 0, resumed: before.length, complete: true });
    });

    it('resumes after an interruption without copying again what was verified', async () => {
      const all = await keysOf(runtime.files);
      const interrupted = await migrateFiles({ ...deps, destination: failingAfter(bucket, 5) });
      expect(interrupted.complete).toBe(false);
      expect(interrupted.copied).toBe(5);
      expect(interrupted.problems.every((p) => p.problem === 'copy failed')).toBe(true);

      const resumed = await migrateFiles(deps);
      expect(resumed).toMatchObject({ resumed: 5, copied: all.length - 5, problems: [], complete: true });
      expect(await keysOf(bucket)).toEqual(all);
    });

    it('names files missing or damaged at the source, and never claims completion', async () => {
      const [missing, damaged] = await keysOf(runtime.files);
      if (!missing || !damaged) throw new Error('seed produced too few files');
      const local = runtime.files as LocalFileStore;
      await rm(local.pathOf(missing));
      const bytes = await readFile(local.pathOf(damaged));
      bytes[0] = (bytes[0] ?? 0) ^ 0xff;
      await writeFile(local.pathOf(damaged), bytes);

      const report = await migrateFiles(deps);
      expect(report.complete).toBe(false);
      expect(report.problems).toEqual(
        expect.arrayContaining([
          { key: missing, problem: 'missing at the source' },
          { key: damaged, problem: 'damaged at the source' },
        ]),
      );
      expect(report.problems).toHaveLength(2);
      expect(await bucket.has(damaged)).toBe(false);
    });

    it('moves files back from the bucket to local disk on another machine', async () => {
      await migrateFiles(deps);
      const keys = await keysOf(bucket);
      // A second data folder that uses the bucket, migrating to its own (empty) local store.
      const s3Config = loadConfig({ ...fixture.env, FILE_STORE: 's3', ...bucketEnv(bucket) });
      const s3Runtime = await openRuntime(s3Config, { migrate: false });
      const elsewhere = new LocalFileStore(path.join(fixture.dir, 'elsewhere'), path.join(fixture.dir, 'tmp', 'x'));
      try {
        const report = await migrateFiles({
          db: s3Runtime.db,
          source: s3Runtime.files,
          destination: elsewhere,
          destinationLabel: 'elsewhere',
          journalPath: path.join(fixture.dir, 'tmp', 'files-migration-to-local.log'),
        });
        expect(report).toMatchObject({ copied: keys.length, complete: true });
        expect(await keysOf(elsewhere)).toEqual(keys);
      } finally {
        await s3Runtime.close();
      }
    });
  }),
);

function bucketEnv(store: S3FileStore): Record<string, string> {
  const s = store.settings;
  return {
    S3_BUCKET: s.bucket,
    S3_PREFIX: s.prefix,
    S3_ENDPOINT: s.endpoint ?? '',
    S3_REGION: s.region,
    S3_FORCE_PATH_STYLE: String(s.forcePathStyle),
  };
}
