/**
 * Off-machine backups (a mounted folder and an S3 bucket on 127.0.0.1): every verified backup is
 * copied encrypted, only new files are sent again, nothing in the remote reveals personal data or
 * a known file's hash, `verify --remote` names a flipped byte, a missing object and a wrong
 * identity, `prune --remote` keeps the newest, and a bare machine with only the configuration and
 * the identity restores everything and serves every document.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { openRuntime } from '../../src/runtime.js';
import { createFixture, type Fixture, runByov, seedEnrollments, withRuntime } from '../backup/support.js';
import { adminHeaders, TEST_ADMIN_TOKEN } from '../support/app-harness.js';
import { createTestDatabase, isEngineAvailable, makeTempDir } from '../support/engines.js';
import { isS3Available } from '../support/s3-server.js';
import {
  createTestRemote,
  listAllObjects,
  overwriteObject,
  type RemoteKind,
  readObject,
  type TestRemote,
} from './support.js';

const PERSONAL = ['Test Technician', 'tech@example.com', '1HGCM82633A004352'];

for (const kind of ['file', 's3'] as const satisfies RemoteKind[]) {
  describe.skipIf(kind === 's3' && !isS3Available())(`off-machine backups [remote: ${kind}]`, () => {
    let remote: TestRemote;
    let fixture: Fixture;
    let fileKeys: string[];
    beforeAll(async () => {
      remote = await createTestRemote(kind);
      fixture = await createFixture('sqlite', remote.env);
    }, 120_000);
    afterAll(async () => {
      await fixture.dispose();
      await remote.dispose();
    });

    it('copies each verified backup encrypted, sending only the files the remote lacks', {
      timeout: 240_000,
    }, async () => {
      await withRuntime(fixture, (runtime) => seedEnrollments(runtime, 2));
      const first = await runByov(['backup', '--json'], fixture.env);
      expect(first.code, first.stdout + first.stderr).toBe(0);
      // 14 files, the snapshot, the contents and the record.
      expect(JSON.parse(first.stdout).remote).toMatchObject({
        copied: true,
        encrypted: true,
        objectsSent: 17,
        blobsAlreadyThere: 0,
      });

      await withRuntime(fixture, (runtime) => seedEnrollments(runtime, 1));
      const second = await runByov(['backup', '--json'], fixture.env);
      expect(second.code, second.stdout + second.stderr).toBe(0);
      const sent = JSON.parse(second.stdout).remote;
      expect(sent).toMatchObject({ copied: true, objectsSent: 10, blobsAlreadyThere: 14 });

      const list = await runByov(['list', '--remote', '--json'], fixture.env);
      expect(list.code).toBe(0);
      const listed = JSON.parse(list.stdout).backups;
      expect(listed).toHaveLength(2);
      expect(listed[0]).toMatchObject({ name: JSON.parse(second.stdout).name, encrypted: true });

      const verify = await runByov(
        ['verify', '--remote', 'latest', '--identity', remote.identityFile, '--json'],
        fixture.env,
      );
      expect(verify.code, verify.stdout).toBe(0);
      expect(JSON.parse(verify.stdout)).toMatchObject({
        ok: true,
        problems: [],
        tables: { enrollments: 3 },
        files: 21,
      });

      fileKeys = await withRuntime(fixture, async (runtime) => {
        const keys: string[] = [];
        for await (const file of runtime.files.list()) keys.push(file.key);
        return keys;
      });
      expect(fileKeys).toHaveLength(21);
    });

    it('holds no personal data and no bare file hash anywhere in the remote', async () => {
      const backupName = (await readdirNames(fixture.config.paths.backups)).find((n) => n.startsWith('byov_backup_'));
      // The scan can see personal data: the local snapshot holds it in the clear.
      const local = await readFile(path.join(fixture.config.paths.backups, backupName as string, 'database.sqlite'));
      for (const needle of PERSONAL) expect(local.includes(needle), needle).toBe(true);
      const target = remote.open();
      try {
        const names = await listAllObjects(target);
        expect(names.length).toBeGreaterThan(20);
        for (const name of names) {
          for (const key of fileKeys) expect(name.includes(key), name).toBe(false);
          const bytes = await readObject(target, name);
          for (const needle of PERSONAL) expect(bytes.includes(needle), `${needle} in ${name}`).toBe(false);
          for (const key of fileKeys) expect(bytes.includes(key), `${key} in ${name}`).toBe(false);
        }
      } finally {
        target.close();
      }
    });

    it('restores on a bare machine from the configuration and the identity, then serves every document', {
      timeout: 240_000,
    }, async () => {
      // Cross-engine when PostgreSQL is here: a SQLite machine's backup into a PostgreSQL one.
      const engine = kind === 's3' && isEngineAvailable('postgres') ? 'postgres' : 'sqlite';
      const database = await createTestDatabase(engine);
      const bare = await makeTempDir('byov-bare-');
      const env = { ...remote.env, DATA_DIR: bare.dir, DATABASE_URL: database.databaseUrl ?? '' };
      try {
        const restore = await runByov(
          ['restore', '--remote', 'latest', '--identity', remote.identityFile, '--yes', '--json'],
          env,
        );
        expect(restore.code, restore.stdout + restore.stderr).toBe(0);
        expect(JSON.parse(restore.stdout)).toMatchObject({ enrollments: 3, documents: 21, missingFiles: [] });

        const config = loadConfig({ ...env, ADMIN_TOKEN: TEST_ADMIN_TOKEN });
        const runtime = await openRuntime(config, { migrate: true });
        const app = await buildApp(runtime);
        try {
          const documents = await runtime.db.kysely
            .selectFrom('documents')
            .select(['id', 'enrollment_id', 'sha256'])
            .execute();
          expect(documents).toHaveLength(21);
          for (const document of documents) {
            const detail = await app.inject({
              url: `/api/admin/enrollments/${document.enrollment_id}`,
              headers: adminHeaders(),
            });
            expect(detail.statusCode).toBe(200);
            const file = await app.inject({ url: `/api/admin/documents/${document.id}`, headers: adminHeaders() });
            expect(file.statusCode).toBe(200);
            expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(document.sha256);
          }
        } finally {
          await app.close();
          await runtime.close();
        }
      } finally {
        await database.dispose();
        await bare.remove();
      }
    });

    it('names a flipped byte, a missing object and a wrong identity', { timeout: 240_000 }, async () => {
      const target = remote.open();
      const work = await makeTempDir('byov-damage-');
      let flipped: string;
      let deleted: string;
      try {
        const blobs = (await target.list('blobs/')).map((o) => o.name).sort();
        [flipped, deleted] = blobs as [string, string];
        const bytes = await readObject(target, flipped);
        bytes[bytes.length - 20] = (bytes[bytes.length - 20] ?? 0) ^ 0x01;
        await overwriteObject(target, flipped, bytes, work.dir);
        await target.remove(deleted);
      } finally {
        target.close();
        await work.remove();
      }
      const verify = await runByov(
        ['verify', '--remote', 'latest', '--identity', remote.identityFile, '--json'],
        fixture.env,
      );
      expect(verify.code).toBe(1);
      const report = JSON.parse(verify.stdout);
      expect(report.ok).toBe(false);
      expect(report.problems.find((p: string) => p.includes(flipped))).toMatch(/damaged/);
      expect(report.problems.find((p: string) => p.includes(deleted))).toMatch(/missing/);

      const other = await createTestRemote('file');
      try {
        const wrong = await runByov(
          ['verify', '--remote', 'latest', '--identity', other.identityFile, '--json'],
          fixture.env,
        );
        expect(wrong.code).toBe(1);
        expect(JSON.parse(wrong.stdout).problems).toEqual([expect.stringMatching(/^Wrong identity/)]);
      } finally {
        await other.dispose();
      }
      // A damaged remote backup is refused whole by restore, and nothing changes.
      const restore = await runByov(
        ['restore', '--remote', 'latest', '--identity', remote.identityFile, '--yes', '--json'],
        fixture.env,
      );
      expect(restore.code).toBe(1);
      expect(JSON.parse(restore.stdout).error).toMatchObject({ code: 'BACKUP_INVALID' });
    });

    it('applies retention to the remote and keeps the newest backup', { timeout: 120_000 }, async () => {
      const env = {
        ...fixture.env,
        BACKUP_KEEP_LAST: '1',
        BACKUP_KEEP_DAILY: '0',
        BACKUP_KEEP_WEEKLY: '0',
        BACKUP_KEEP_MONTHLY: '0',
      };
      const before = JSON.parse((await runByov(['list', '--remote', '--json'], env)).stdout).backups;
      const prune = await runByov(['prune', '--remote', '--json'], env);
      expect(prune.code, prune.stdout + prune.stderr).toBe(0);
      expect(JSON.parse(prune.stdout).removed.map((r: { name: string }) => r.name)).toEqual([before[1].name]);
      const after = JSON.parse((await runByov(['list', '--remote', '--json'], env)).stdout).backups;
      expect(after.map((b: { name: string }) => b.name)).toEqual([before[0].name]);
      const target = remote.open();
      try {
        expect((await target.list('snapshots/')).map((o) => o.name)).toEqual([`snapshots/${before[0].name}`]);
      } finally {
        target.close();
      }
    });
  });
}

async function readdirNames(dir: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  return (await readdir(dir)).sort();
}
