import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ByovRunner } from '../../src/domain/admin/backups/byov-runner.js';
import { as, createAccount, type Session } from '../support/admin-session.js';
import { listFilesRecursively, startTestApp, type TestApp } from '../support/app-harness.js';
import { describeEachEngine, makeTempDir } from '../support/engines.js';
import { makeSubmissionFiles } from '../support/fixtures.js';
import { runCli } from '../support/server-process.js';
import { submit } from '../support/submit.js';

const execFileAsync = promisify(execFile);

describeEachEngine('admin backups API', (engine) => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    // The app runs `byov` the way the server does, but from the sources and on this test's data.
    let env: Record<string, string | undefined> = {};
    const runByov: ByovRunner = async (args) => {
      const result = await runCli([...args], env);
      let json: unknown;
      try {
        json = JSON.parse(result.stdout);
      } catch {}
      return { exitCode: result.code, json, stderrTail: result.stderr.slice(-2000) };
    };
    t = await startTestApp(engine, {}, undefined, { runByov });
    env = { DATA_DIR: t.dataDir, DATABASE_URL: t.config.database.engine === 'postgres' ? t.config.database.url : '' };
    admin = await createAccount(t, 'ada@example.com', 'admin');
    await submit(t, await makeSubmissionFiles(4_000), { techId: 'BK-1' });
  });
  afterAll(() => t.close());

  const get = (url: string) => as(t.app, admin, { url: `/api/admin/backups${url}` });

  it('backs up on request, reports the job, lists the backup verified, verifies and downloads it', async () => {
    const started = await as(t.app, admin, { method: 'POST', url: '/api/admin/backups' });
    expect(started.statusCode).toBe(202);
    const { jobId } = started.json();
    let job = (await get(`/jobs/${jobId}`)).json();
    expect(job.state).toBe('running');
    expect(job.progress).toMatch(/so far/);
    for (let i = 0; i < 600 && job.state === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await get(`/jobs/${jobId}`)).json();
    }
    expect(job, JSON.stringify(job)).toMatchObject({ state: 'succeeded' });

    const { backups } = (await get('')).json();
    expect(backups[0]).toMatchObject({ name: job.name, kind: 'manual', engine, verified: true, enrollments: 1 });
    expect(backups[0].files).toBeGreaterThanOrEqual(8);

    const verified = await as(t.app, admin, { method: 'POST', url: `/api/admin/backups/${job.name}/verify` });
    expect(verified.json()).toEqual({ ok: true, problems: [] });

    const download = await get(`/${job.name}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/gzip');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${job.name}.tar.gz"`);
    const unpacked = await makeTempDir();
    try {
      const archive = path.join(unpacked.dir, 'backup.tar.gz');
      await writeFile(archive, download.rawPayload);
      await execFileAsync('tar', ['-xzf', archive, '-C', unpacked.dir]);
      const manifest = JSON.parse(await readFile(path.join(unpacked.dir, job.name, 'manifest.json'), 'utf8'));
      const blobs = await listFilesRecursively(path.join(unpacked.dir, 'blobs'));
      expect(blobs.map((b) => path.basename(b)).sort()).toEqual(
        manifest.files.map((f: { sha256: string }) => f.sha256).sort(),
      );
      expect(await readdir(path.join(unpacked.dir, job.name))).toContain('manifest.json');
    } finally {
      await unpacked.remove();
    }
  });

  it('answers 404 for names that are not listed backups, paths included', async () => {
    for (const name of ['no-such-backup', '..%2F..%2Fetc', 'blobs']) {
      const response = await get(`/${name}/download`);
      expect(response.statusCode, name).toBe(404);
      expect(response.json().error.code).toBe('BACKUP_NOT_FOUND');
    }
    expect((await get('/jobs/unknown')).statusCode).toBe(404);
  });
});
