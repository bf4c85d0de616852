/**
 * Off-machine copies through a network that fails: a proxy in front of the test S3 server answers
 * some requests with 503 and swallows others; a copy is SIGKILLed while its uploads hang. Nothing
 * partial is ever listed remotely, the next run completes, and a copy that keeps failing is
 * reported while the local backup stands.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createFixture, type Fixture, runByov, seedEnrollments, withRuntime } from '../backup/support.js';
import { type FaultyProxy, startFaultyProxy } from '../support/faulty-proxy.js';
import { describeWithS3 } from '../support/s3-server.js';
import { spawnCli } from '../support/server-process.js';
import { createTestRemote, type TestRemote } from './support.js';

describeWithS3('off-machine copies through a faulty network', () => {
  let proxy: FaultyProxy;
  let remote: TestRemote;
  let fixture: Fixture;
  beforeAll(async () => {
    proxy = await startFaultyProxy(inject('s3Endpoint') as string);
    remote = await createTestRemote('s3', proxy.endpoint);
    fixture = await createFixture('sqlite', { ...remote.env, BACKUP_REMOTE_TIMEOUT_SECONDS: '5' });
  }, 120_000);
  afterAll(async () => {
    await fixture.dispose();
    await remote.dispose();
    await proxy.stop();
  });

  const listedRemotely = async () => {
    const target = remote.open();
    try {
      return (await target.list('backups/')).map((o) => o.name).sort();
    } finally {
      target.close();
    }
  };

  it('retries failed and stalled requests until the copy is complete', { timeout: 240_000 }, async () => {
    await withRuntime(fixture, (runtime) => seedEnrollments(runtime, 1));
    proxy.faults.stallRequests = 1;
    proxy.faults.failRequests = 4;
    const backup = await runByov(['backup', '--json'], fixture.env);
    expect(backup.code, backup.stdout + backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout).remote).toMatchObject({ copied: true, objectsSent: 10 });
    expect(proxy.stalled).toBe(1);
    expect(proxy.faults.failRequests).toBe(0);
    expect(await listedRemotely()).toHaveLength(1);
  });

  it('a copy killed while its uploads hang lists nothing; the next run completes', { timeout: 240_000 }, async () => {
    await withRuntime(fixture, (runtime) => seedEnrollments(runtime, 1));
    proxy.faults.stallPuts = true;
    const stalledBefore = proxy.stalled;
    const child = spawnCli(['backup', '--json'], { LOG_LEVEL: 'silent', ...fixture.env });
    const closed = new Promise((resolve) => child.once('close', resolve));
    while (proxy.stalled < stalledBefore + 2) await sleep(100);
    child.kill('SIGKILL');
    await closed;
    proxy.faults.stallPuts = false;
    expect(await listedRemotely()).toHaveLength(1);

    const next = await runByov(['backup', '--json'], fixture.env);
    expect(next.code, next.stdout + next.stderr).toBe(0);
    expect(JSON.parse(next.stdout).remote).toMatchObject({ copied: true });
    expect(await listedRemotely()).toHaveLength(2);
    const verify = await runByov(
      ['verify', '--remote', 'latest', '--identity', remote.identityFile, '--json'],
      fixture.env,
    );
    expect(verify.code, verify.stdout).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, tables: { enrollments: 2 } });
  });

  it('a copy that keeps failing is reported and the local backup stands', { timeout: 240_000 }, async () => {
    proxy.faults.failRequests = 10_000;
    try {
      const backup = await runByov(['backup', '--json'], fixture.env);
      expect(backup.code).toBe(1);
      const result = JSON.parse(backup.stdout);
      expect(result.remote.error).toMatchObject({ code: 'REMOTE_FAILED' });
      expect(result.remote.error.message).toMatch(/local backup is kept/);
      const local = JSON.parse((await runByov(['list', '--json'], fixture.env)).stdout);
      expect(local.map((b: { name: string }) => b.name)).toContain(result.name);
      const status = JSON.parse((await runByov(['status', '--json'], fixture.env)).stdout);
      expect(status.backup.offMachine.lastFailure).toMatchObject({ name: result.name });
      expect(status.backup.warning).toMatch(/off-machine copy failed/);
    } finally {
      proxy.faults.failRequests = 0;
    }
    expect(await listedRemotely()).toHaveLength(2);
  });
});
