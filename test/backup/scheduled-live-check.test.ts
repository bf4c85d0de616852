/**
 * (2) The server checks the live data in nightly slices: every stored file is re-read within
 * CHECK_PERIOD_DAYS, a rotted file is found by the night whose slice holds it, and then
 * `/health`, `byov status` and the admin overview say so (without personal data) until a later
 * night finds it repaired. Driven directly with a moved clock; nothing sleeps.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { collectStatus } from '../../src/cli/commands/status.js';
import { runLiveDataCheckSlice, sliceOf } from '../../src/jobs/live-data-check.js';
import type { Runtime } from '../../src/runtime.js';
import { adminHeaders, startTestApp } from '../support/app-harness.js';
import { DAY, manualClock } from '../support/clock.js';
import { flipByte } from '../support/damage.js';
import { describeEachEngine } from '../support/engines.js';
import { seedEnrollments } from './support.js';

const PERIOD_DAYS = 3;

describeEachEngine('the nightly check of the live data', (engine) => {
  it('re-reads every file within the period, finds a rotted one, and reports it until repaired', {
    timeout: 120_000,
  }, async () => {
    const clock = manualClock(new Date('2026-03-02T02:20:00.000Z'));
    const t = await startTestApp(engine, { CHECK_PERIOD_DAYS: String(PERIOD_DAYS) }, clock.now);
    try {
      const runtime: Runtime = { ...t.runtime, now: clock.now };
      const [rottedEnrollment] = await seedEnrollments(runtime, 3);
      const rotted = await t.runtime.db.kysely
        .selectFrom('documents')
        .select(['id', 'storage_key'])
        .where('enrollment_id', '=', rottedEnrollment as string)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const key = rotted.storage_key;
      const goodBytes = await readFile(t.runtime.files.pathOf(key));
      await flipByte(t.runtime.files.pathOf(key));
      const rottedNight = sliceOf(key, PERIOD_DAYS);
      expect((await health(t)).status).not.toBe('error');

      let checked = 0;
      let foundOn: number | undefined;
      for (let night = 0; night < PERIOD_DAYS; night++) {
        const run = await runLiveDataCheckSlice(runtime);
        checked += run.checkedFiles - (foundOn === undefined ? 0 : 1);
        if (foundOn === undefined && run.findings.files.length > 0) foundOn = run.slice.index;
        clock.advance(DAY);
      }
      // 21 files, each read once over the period (the finding is re-read each night after).
      expect(checked).toBe(21);
      expect(foundOn).toBe(rottedNight);

      const publicHealth = await health(t);
      expect(publicHealth).toEqual({ status: 'error', database: engine, schemaVersion: expect.any(Number) });
      expect((await health(t, true)).liveData).toMatchObject({ problems: 1 });
      const status = await collectStatus(runtime);
      expect(status.liveData).toMatchObject({ status: 'error', problems: 1 });
      const overview = await t.app.inject({ url: '/api/admin/overview', headers: adminHeaders() });
      expect(overview.json().liveData.files).toEqual([
        expect.objectContaining({
          storageKey: key,
          problem: 'damaged',
          enrollmentIds: [rottedEnrollment],
          documentIds: [rotted.id],
        }),
      ]);

      // Put back by hand (or by `byov repair`): the next night re-reads every finding.
      await writeFile(t.runtime.files.pathOf(key), goodBytes);
      const next = await runLiveDataCheckSlice(runtime);
      expect(next.findings.files).toEqual([]);
      expect((await health(t)).status).not.toBe('error');
      expect((await collectStatus(runtime)).liveData.status).toBe('ok');
    } finally {
      await t.close();
    }
  });
});

async function health(t: Awaited<ReturnType<typeof startTestApp>>, admin = false) {
  const response = await t.app.inject({ url: '/health', ...(admin ? { headers: adminHeaders() } : {}) });
  expect(response.statusCode).toBe(200);
  return response.json();
}
