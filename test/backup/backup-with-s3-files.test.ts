/**
 * Backups when the live files are in S3-compatible object storage: `byov backup` reads each file
 * through the store's streaming API into the local blob store, `byov verify` checks them, and
 * `byov restore` puts every file back into the bucket after the bucket lost them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { damageStoredFile, describeWithS3, fileStoreEnv } from '../support/s3-server.js';
import { allRows, createFixture, type Fixture, runByov, seedEnrollments, withRuntime } from './support.js';

describeWithS3('backups with the files in S3', () => {
  describeEachEngine('', (engine) => {
    let fixture: Fixture;
    beforeAll(async () => {
      fixture = await createFixture(engine, await fileStoreEnv('s3'));
    });
    afterAll(() => fixture.dispose());

    it("backs up, verifies and restores the bucket's files", { timeout: 180_000 }, async () => {
      const { keys, rows } = await withRuntime(fixture, async (runtime) => {
        expect(runtime.files.kind).toBe('s3');
        await seedEnrollments(runtime, 2);
        const keys: string[] = [];
        for await (const file of runtime.files.list()) keys.push(file.key);
        return { keys: keys.sort(), rows: await allRows(runtime.db.kysely) };
      });
      expect(keys).toHaveLength(14);

      const backup = await runByov(['backup', '--json'], fixture.env);
      expect(backup.code, backup.stderr).toBe(0);
      const summary = JSON.parse(backup.stdout);
      expect(summary).toMatchObject({ files: 14, newFiles: 14 });
      const verify = await runByov(['verify', summary.name, '--json'], fixture.env);
      expect(verify.code, verify.stdout).toBe(0);

      // The bucket loses one file and another rots; the restore puts both back from the backup.
      await withRuntime(fixture, async (runtime) => {
        await runtime.files.remove(keys[0] as string);
        await damageStoredFile(runtime.files, keys[1] as string);
        await runtime.db.kysely.deleteFrom('audit_events').execute();
      });
      const restore = await runByov(['restore', summary.name, '--yes', '--json'], fixture.env);
      expect(restore.code, restore.stderr).toBe(0);
      expect(JSON.parse(restore.stdout)).toMatchObject({ enrollments: 2, missingFiles: [] });

      await withRuntime(fixture, async (runtime) => {
        const restoredRows = await allRows(runtime.db.kysely);
        expect(restoredRows.enrollments).toEqual(rows.enrollments);
        expect(restoredRows.audit_events).toEqual(rows.audit_events);
        const check = await runByov(['check', '--json'], fixture.env);
        expect(check.code, check.stdout).toBe(0);
        expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, files: { checked: 14, problems: [] } });
      });
    });
  });
});
