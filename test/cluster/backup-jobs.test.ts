import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ByovCommandResult, ByovRunner } from '../../src/domain/admin/backups/byov-runner.js';
import { buildApp } from '../../src/http/app.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { MINUTE, manualClock } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';

/** A `byov backup` that finishes when the test says so. */
function controllableRunner() {
  const pending: ((result: ByovCommandResult) => void)[] = [];
  const runByov: ByovRunner = () => new Promise((resolve) => pending.push(resolve));
  return { runByov, pending };
}

describeEachEngine('"Back up now" jobs seen from every instance', (engine) => {
  const clock = manualClock();
  let first: TestApp;
  let secondRuntime: Runtime;
  let second: FastifyInstance;
  let runners: ReturnType<typeof controllableRunner>[];

  beforeEach(async () => {
    clock.set(new Date());
    runners = [controllableRunner(), controllableRunner()];
    first = await startTestApp(engine, {}, clock.now, { runByov: runners[0]?.runByov });
    secondRuntime = await openRuntime(first.config, { migrate: false });
    second = await buildApp({ ...secondRuntime, now: clock.now, runByov: runners[1]?.runByov });
  });
  afterEach(async () => {
    for (const runner of runners)
      for (const finish of runner.pending.splice(0)) finish({ exitCode: 1, json: undefined, stderrTail: '' });
    await second.close();
    await secondRuntime.close();
    await first.close();
  });

  const call = (app: FastifyInstance, method: 'GET' | 'POST', url: string) =>
    app.inject({ method, url: `/api/admin/backups${url}`, headers: adminHeaders() });

  it('a job started on one instance is polled on another, and a second start joins it', async () => {
    const started = await call(first.app, 'POST', '');
    expect(started.statusCode).toBe(202);
    const { jobId } = started.json();
    expect((await call(second, 'GET', `/jobs/${jobId}`)).json()).toMatchObject({ state: 'running' });
    // Asked on the other instance while it runs: the same job, and nothing spawned there.
    expect((await call(second, 'POST', '')).json()).toEqual({ jobId });
    expect(runners[1]?.pending).toHaveLength(0);

    runners[0]?.pending.shift()?.({ exitCode: 0, json: { name: 'byov_backup_20260504_100000' }, stderrTail: '' });
    await expect
      .poll(async () => (await call(second, 'GET', `/jobs/${jobId}`)).json())
      .toEqual({ state: 'succeeded', name: 'byov_backup_20260504_100000' });
  });

  it('reports a job failed once the instance running it stops renewing its lease, and lets another start', async () => {
    const { jobId } = (await call(first.app, 'POST', '')).json();
    // The first instance dies mid-backup: its lease is not renewed (the clock jumps past it).
    clock.advance(10 * MINUTE);
    expect((await call(second, 'GET', `/jobs/${jobId}`)).json()).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/stopped before it finished/),
    });
    const next = (await call(second, 'POST', '')).json();
    expect(next.jobId).not.toBe(jobId);
    expect(runners[1]?.pending).toHaveLength(1);
    expect((await call(first.app, 'GET', `/jobs/${next.jobId}`)).json()).toMatchObject({ state: 'running' });
  });
});
