import pino from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { purgeExpiredDeletions } from '../../src/domain/admin/enrollments/purge-expired-deletions.js';
import { MAINTENANCE_JOBS, runMaintenanceJob } from '../../src/jobs/maintenance-jobs.js';
import { forgetDeadScheduleLeases } from '../../src/jobs/scheduled-lease.js';
import { claimScheduledBackup, databaseSubmissionCounter } from '../../src/jobs/shared-backup-schedule.js';
import type { Runtime } from '../../src/runtime.js';
import { readCounter } from '../../src/storage/repositories/schedule-counter.repository.js';
import { createFixture, type Fixture, seedEnrollments } from '../backup/support.js';
import { DAY, HOUR, MINUTE, manualClock } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';

const silent = pino({ level: 'silent' });

describeEachEngine('scheduled work across two instances on one database', (engine) => {
  let fixture: Fixture;
  let a: Runtime;
  let b: Runtime;
  const clock = manualClock(new Date('2026-05-04T10:07:00.000Z'));
  beforeEach(async () => {
    clock.set(new Date('2026-05-04T10:07:00.000Z'));
    fixture = await createFixture(engine);
    a = { ...(await fixture.open()), now: clock.now };
    b = { ...(await fixture.open()), now: clock.now };
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await fixture.dispose();
  });

  it('runs each job once per schedule, and takes a crashed holder’s job over once its lease ends', async () => {
    let runs = 0;
    const job = { name: 'counting job', run: async () => void runs++ };
    const next = () => new Date(clock.now().getTime() + HOUR);
    // Both timers fire for the 10:07 run (a second apart): one instance runs it.
    const first = await Promise.all([
      runMaintenanceJob(a, silent, job, { holder: 'A', nextRunAt: next() }),
      runMaintenanceJob(b, silent, job, { holder: 'B', nextRunAt: next() }),
    ]);
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(1);
    const leader = first[0] ? 'A' : 'B';
    const follower = leader === 'A' ? { runtime: b, holder: 'B' } : { runtime: a, holder: 'A' };
    clock.advance(1000);
    expect(await runMaintenanceJob(follower.runtime, silent, job, { ...follower, nextRunAt: next() })).toBe(false);

    // The leader crashes (its lease stays). Half an hour on, the lease still holds.
    clock.advance(30 * MINUTE);
    expect(await runMaintenanceJob(follower.runtime, silent, job, { ...follower, nextRunAt: next() })).toBe(false);
    // At the next run (11:07) the lease has ended: the other instance takes the job over.
    clock.set(new Date('2026-05-04T11:07:00.000Z'));
    expect(await runMaintenanceJob(follower.runtime, silent, job, { ...follower, nextRunAt: next() })).toBe(true);
    expect(runs).toBe(2);
  });

  it('a restarted SQLite server forgets the schedule leases of the process that died; PostgreSQL keeps them', async () => {
    let runs = 0;
    const job = { name: 'counting job', run: async () => void runs++ };
    const nextRunAt = new Date(clock.now().getTime() + HOUR);
    expect(await runMaintenanceJob(a, silent, job, { holder: 'killed', nextRunAt })).toBe(true);
    await forgetDeadScheduleLeases(b.db);
    const restarted = await runMaintenanceJob(b, silent, job, { holder: 'restarted', nextRunAt });
    // SQLite: one server per data folder, so the lease can only be the dead one's.
    expect(restarted).toBe(engine === 'sqlite');
  });

  it('runs every maintenance job exactly once when both instances fire together', async () => {
    const nextRunAt = new Date(clock.now().getTime() + HOUR);
    for (const job of MAINTENANCE_JOBS) {
      const ran = await Promise.all([
        runMaintenanceJob(a, silent, job, { holder: 'A', nextRunAt }),
        runMaintenanceJob(b, silent, job, { holder: 'B', nextRunAt }),
      ]);
      expect(ran.filter(Boolean), job.name).toHaveLength(1);
    }
  });

  it('claims a scheduled backup for one instance', async () => {
    const nextRunAt = new Date(clock.now().getTime() + DAY);
    const claims = await Promise.all([
      claimScheduledBackup(a, 'A')(nextRunAt),
      claimScheduledBackup(b, 'B')(nextRunAt),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('counts every instance’s submissions into one backup counter, taken by exactly one', async () => {
    const counters = [databaseSubmissionCounter(a), databaseSubmissionCounter(b)];
    await Promise.all(Array.from({ length: 40 }, (_, i) => counters[i % 2]?.add()));
    expect(await readCounter(a.db.kysely, 'backup:submissions')).toBe(40);
    const taken = await Promise.all(counters.map((c) => c.takeIfAtLeast(30)));
    expect(taken.filter(Boolean)).toHaveLength(1);
    expect(await readCounter(b.db.kysely, 'backup:submissions')).toBe(0);
    expect(await counters[1]?.add()).toBe(1);
  });

  // SQLite serves one instance (the data-folder lock), so only PostgreSQL meets two purgers at once.
  it.runIf(engine === 'postgres')(
    'purges each expired deletion once when two instances purge at the same time',
    async () => {
      await seedEnrollments(a, 6, 256);
      const deletedAt = new Date(clock.now().getTime() - 40 * DAY).toISOString();
      await a.db.kysely.updateTable('enrollments').set({ deleted_at: deletedAt, deleted_by: 'admin' }).execute();
      const results = await Promise.all([purgeExpiredDeletions(a), purgeExpiredDeletions(b)]);
      expect(results.reduce((sum, r) => sum + r.enrollments, 0)).toBe(6);
      const audit = await a.db.kysely
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'enrollment.purged')
        .execute();
      expect(audit).toHaveLength(6);
      expect(await a.db.kysely.selectFrom('enrollments').select('id').execute()).toEqual([]);
    },
  );
});
