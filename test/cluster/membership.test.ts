import { hostname } from 'node:os';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createBackup } from '../../src/backup/create-backup.js';
import { collectStatus } from '../../src/cli/commands/status.js';
import { INSTANCE_TTL_MS, joinCluster } from '../../src/jobs/cluster-membership.js';
import { assertNoLiveInstances } from '../../src/storage/cluster-guard.js';
import { listLiveInstances } from '../../src/storage/repositories/instance.repository.js';
import { allRows, createFixture, type Fixture, runByov, seedEnrollments, withRuntime } from '../backup/support.js';
import { manualClock } from '../support/clock.js';
import { describeEachEngine, makeTempDir } from '../support/engines.js';
import { startServerProcess } from '../support/server-process.js';

describeEachEngine('cluster membership', (engine) => {
  let fixture: Fixture;
  beforeEach(async () => {
    fixture = await createFixture(engine);
  });
  afterEach(async () => {
    await fixture.dispose();
  });

  it('registers, heartbeats, is listed by status while live, and deregisters on a clean stop', async () => {
    const clock = manualClock(new Date('2026-05-04T10:00:00.000Z'));
    await withRuntime(fixture, async (opened) => {
      const runtime = { ...opened, now: clock.now };
      const member = await joinCluster(runtime, { address: 'http://10.0.0.5:3000', heartbeatMs: 3_600_000 });
      const status = await collectStatus(runtime);
      expect(status.instances).toEqual([
        expect.objectContaining({
          id: member.id,
          host: hostname(),
          pid: process.pid,
          address: 'http://10.0.0.5:3000',
          heartbeatAt: '2026-05-04T10:00:00.000Z',
        }),
      ]);

      // Without a heartbeat it stops counting once the TTL has passed; a beat makes it live again.
      clock.advance(INSTANCE_TTL_MS);
      expect((await collectStatus(runtime)).instances).toEqual([]);
      await member.beat();
      expect((await collectStatus(runtime)).instances.map((i) => i.heartbeatAt)).toEqual([
        new Date(Date.parse('2026-05-04T10:00:00.000Z') + INSTANCE_TTL_MS).toISOString(),
      ]);

      await member.leave();
      expect(await runtime.db.kysely.selectFrom('instances').selectAll().execute()).toEqual([]);
      // A row removed underneath (this process stalled past expiry and was tidied away) comes back on the next beat.
      const again = await joinCluster(runtime, { address: null, heartbeatMs: 3_600_000 });
      await runtime.db.kysely.deleteFrom('instances').execute();
      await again.beat();
      expect((await listLiveInstances(runtime.db.kysely, clock.now().toISOString())).map((i) => i.id)).toEqual([
        again.id,
      ]);
      await again.leave();
    });
  });

  it('restore and clear refuse while another instance is live, naming how many and when they expire; a stale one does not block', async () => {
    await withRuntime(fixture, (runtime) => seedEnrollments(runtime, 1));
    const name = await withRuntime(fixture, async (runtime) => (await createBackup(runtime, { kind: 'manual' })).name);
    const before = await withRuntime(fixture, (runtime) => allRows(runtime.db.kysely));
    const now = new Date();
    const expiresAt = new Date(now.getTime() + 10 * 60_000).toISOString();
    // Two instances on other machines (this one's data-folder lock cannot see them).
    await withRuntime(fixture, (runtime) =>
      runtime.db.kysely
        .insertInto('instances')
        .values(
          ['a', 'b'].map((id, n) => ({
            id,
            host: `app-${id}.internal`,
            pid: 4242 + n,
            address: `http://app-${id}.internal:3000`,
            started_at: now.toISOString(),
            heartbeat_at: now.toISOString(),
            // a is live; b's heartbeat has just expired (it crashed).
            expires_at: n === 0 ? expiresAt : new Date(now.getTime() - 1000).toISOString(),
          })),
        )
        .execute(),
    );

    const restore = await runByov(['restore', name, '--yes', '--json'], fixture.env);
    expect(restore.code).toBe(1);
    const error = JSON.parse(restore.stdout).error;
    expect(error.code).toBe('DATA_FOLDER_IN_USE');
    expect(error.message).toContain('1 server instance is live');
    expect(error.message).toContain('app-a.internal');
    expect(error.message).not.toContain('app-b.internal');
    expect(error.message).toContain(expiresAt);
    const clear = await runByov(['clear', '--yes', '--json'], fixture.env);
    expect(clear.code).toBe(1);
    expect(JSON.parse(clear.stdout).error.message).toMatch(/Cannot clear the data while 1 server instance is live/);
    expect(await withRuntime(fixture, (runtime) => allRows(runtime.db.kysely))).toEqual(before);

    // Once a's heartbeat expires too (it crashed), nothing blocks.
    await expect(assertNoLiveInstances(fixture.config, 'restore', new Date(Date.parse(expiresAt)))).resolves.toBe(
      undefined,
    );
    // A live-looking row of a process on this machine that is gone (killed a moment ago) does not block either.
    await withRuntime(fixture, (runtime) =>
      runtime.db.kysely
        .updateTable('instances')
        .set({ host: hostname(), pid: 2 ** 22 + 12345 })
        .where('id', '=', 'a')
        .execute(),
    );
    const restored = await runByov(['restore', name, '--yes', '--json'], fixture.env);
    expect(restored.code, restored.stdout + restored.stderr).toBe(0);
  });
});

describeEachEngine('cluster membership of a real server', (engine) => {
  let fixture: Fixture;
  beforeEach(async () => {
    fixture = await createFixture(engine);
  });
  afterEach(async () => {
    await fixture.dispose();
  });

  it('a running server is listed by `byov status` and blocks restore from another data folder until it stops', async () => {
    const name = await withRuntime(fixture, async (runtime) => (await createBackup(runtime, { kind: 'manual' })).name);
    const server = await startServerProcess({ ...fixture.env, BACKUP_SCHEDULE: '0 3 1 1 *' });
    // On PostgreSQL, a second machine is another data folder on the same database.
    const elsewhere = await makeTempDir();
    const otherEnv = engine === 'postgres' ? { ...fixture.env, DATA_DIR: elsewhere.dir } : fixture.env;
    try {
      const status = await runByov(['status', '--json'], otherEnv);
      expect(status.code, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout).instances).toEqual([
        expect.objectContaining({ pid: server.child.pid, address: server.url }),
      ]);
      const restore = await runByov(['restore', name, '--yes', '--json'], otherEnv);
      expect(restore.code).toBe(1);
      // SQLite: the data-folder lock speaks first; PostgreSQL: the membership.
      expect(JSON.parse(restore.stdout).error).toMatchObject({
        code: 'DATA_FOLDER_IN_USE',
        message: engine === 'postgres' ? expect.stringContaining('1 server instance is live') : expect.any(String),
      });
      expect(await server.stop()).toBe(0);
      const after = await runByov(['status', '--json'], otherEnv);
      expect(JSON.parse(after.stdout).instances).toEqual([]);
    } finally {
      if (server.child.exitCode === null) await server.kill9();
      await elsewhere.remove();
    }
  });
});
