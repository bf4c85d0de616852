/**
 * The command end to end: `byov files migrate --to s3` copies and verifies, tells exactly what to
 * set, and a server started with those settings serves every document from the bucket.
 */
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createFixture, type Fixture, seedEnrollments, withRuntime } from '../backup/support.js';
import { TEST_ADMIN_TOKEN } from '../support/app-harness.js';
import { createTestBucket, describeWithS3 } from '../support/s3-server.js';
import { runCli, startServerProcess } from '../support/server-process.js';

describeWithS3('byov files migrate (command)', () => {
  let fixture: Fixture;
  let bucketEnv: Record<string, string>;

  beforeEach(async () => {
    fixture = await createFixture('sqlite');
    await withRuntime(fixture, (runtime) => seedEnrollments(runtime, 2, 2000));
    const { env } = await createTestBucket();
    const { FILE_STORE: _, ...settings } = env;
    bucketEnv = settings;
  });
  afterEach(() => fixture.dispose());

  it('refuses without a bucket, and with --to the store already in use', async () => {
    const noBucket = await runCli(['files', 'migrate', '--to', 's3'], fixture.env);
    expect(noBucket.code).toBe(1);
    expect(noBucket.stderr).toContain('S3_BUCKET');
    const same = await runCli(['files', 'migrate', '--to', 'local', '--json'], fixture.env);
    expect(same.code).toBe(1);
    expect(JSON.parse(same.stdout).error.message).toContain('already');
  }, 120_000);

  it('copies to the bucket, prints the settings to switch to, and the server then serves from S3', async () => {
    const migrated = await runCli(['files', 'migrate', '--to', 's3', '--json'], { ...fixture.env, ...bucketEnv });
    expect(migrated.code, migrated.stderr).toBe(0);
    const report = JSON.parse(migrated.stdout);
    expect(report).toMatchObject({ complete: true, problems: [], switchTo: { FILE_STORE: 's3', ...bucketEnv } });
    expect(report.copied).toBe(report.total);

    const text = await runCli(['files', 'migrate', '--to', 's3'], { ...fixture.env, ...bucketEnv });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('FILE_STORE=s3');
    expect(text.stdout).toContain(`S3_BUCKET=${bucketEnv.S3_BUCKET}`);
    expect(text.stdout).toContain('Nothing was removed from');

    // The local copies stay until the user removes them; removing them here proves S3 serves.
    await rm(path.join(fixture.dir, 'files'), { recursive: true });
    const server = await startServerProcess({ ...fixture.env, ...report.switchTo, ADMIN_TOKEN: TEST_ADMIN_TOKEN });
    try {
      const headers = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
      const list = (await (await fetch(`${server.url}/api/admin/enrollments`, { headers })).json()) as {
        items: { id: string }[];
      };
      expect(list.items).toHaveLength(2);
      for (const item of list.items) {
        const detail = (await (await fetch(`${server.url}/api/admin/enrollments/${item.id}`, { headers })).json()) as {
          documents: { url: string; sha256: string }[];
        };
        for (const document of detail.documents) {
          const response = await fetch(`${server.url}${document.url}`, { headers });
          expect(response.status).toBe(200);
          const bytes = Buffer.from(await response.arrayBuffer());
          expect(createHash('sha256').update(bytes).digest('hex')).toBe(document.sha256);
        }
      }
    } finally {
      await server.stop();
    }
    // Three CLI processes and a server: generous, because a busy machine starts each slowly.
  }, 240_000);
});
