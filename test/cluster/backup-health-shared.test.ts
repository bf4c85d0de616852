/**
 * Backups stay on the disk of the instance that took them; each live instance publishes its
 * newest verified one with its heartbeat, so the backup-age warning of `/health`, `status` and the
 * admin overview is the same whichever instance answers (PostgreSQL; a SQLite server is alone).
 */
import { hostname } from 'node:os';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { backupsOfOtherInstances, describeBackupHealth, newestVerifiedBackup } from '../../src/backup/backup-health.js';
import { createBackup } from '../../src/backup/create-backup.js';
import { collectStatus } from '../../src/cli/commands/status.js';
import { loadConfig } from '../../src/config.js';
import { joinCluster } from '../../src/jobs/cluster-membership.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { createFixture, type Fixture, seedEnrollments, withRuntime } from '../backup/support.js';
import { describeEachEngine, makeTempDir } from '../support/engines.js';

describeEachEngine('backup health across instances', (engine) => {
  let fixture: Fixture;
  let other: { runtime: Runtime; remove(): Promise<void> };
  beforeEach(async () => {
    fixture = await createFixture(engine);
    // A second instance: the same database, a data folder (and backups folder) of its own.
    const dir = await makeTempDir('byov-instance-b-');
    const runtime = await openRuntime(loadConfig({ ...fixture.env, DATA_DIR: dir.dir }), { migrate: true });
    other = { runtime, remove: dir.remove };
  });
  afterEach(async () => {
    await other.runtime.close();
    await other.remove();
    await fixture.dispose();
  });

  const healthOnOther = async () => {
    const { config, db } = other.runtime;
    const now = new Date();
    return describeBackupHealth(
      config.paths.backups,
      now,
      config.backup.maxAgeHours,
      undefined,
      await backupsOfOtherInstances(db, now),
    );
  };

  it("reports the newest verified backup of any live instance, and forgets a stopped one's", async () => {
    await withRuntime(fixture, async (runtime) => {
      await seedEnrollments(runtime, 1);
      const { name } = await createBackup(runtime, { kind: 'manual' });
      const member = await joinCluster(runtime, {
        address: null,
        heartbeatMs: 3_600_000,
        newestBackup: () => newestVerifiedBackup(runtime.config.paths.backups),
      });
      const noBackup = { lastVerified: null, warning: 'There is no verified backup yet. Run `byov backup`.' };
      if (engine === 'sqlite') {
        // One SQLite server per data folder: another folder's backups are not this one's.
        expect(await healthOnOther()).toEqual(noBackup);
        await member.leave();
        return;
      }
      const shared = { name, host: hostname(), ageHours: expect.any(Number) };
      expect(await healthOnOther()).toEqual({ lastVerified: shared });
      expect((await collectStatus(other.runtime)).backup).toEqual({ lastVerified: shared });
      // The instance's own view names its own backup, without a host.
      expect((await collectStatus(runtime)).backup.lastVerified).toEqual({ name, ageHours: expect.any(Number) });

      await member.leave();
      expect(await healthOnOther()).toEqual(noBackup);
    });
  });
});
