/**
 * `clear` removes the enrollment data and every stored file, keeps settings and audit events not
 * about an enrollment, records what it removed, and can be undone from its safety backup.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { clearData } from '../../src/backup/clear-data.js';
import { listBackups } from '../../src/backup/list-backups.js';
import { resolveBackup } from '../../src/backup/resolve-backup.js';
import { restoreBackup } from '../../src/backup/restore-backup.js';

import { describeEachEngine } from '../support/engines.js';
import { allRows, createFixture, type Fixture, runByov, seedDraft, seedEnrollments, withRuntime } from './support.js';

describeEachEngine('clear', (engine) => {
  let fixture: Fixture;
  beforeEach(async () => {
    fixture = await createFixture(engine);
    await withRuntime(fixture, async (runtime) => {
      await seedEnrollments(runtime, 2);
      await seedDraft(runtime);
      await runtime.db.kysely
        .insertInto('settings')
        .values({ key: 'notify.approvals', value: '["ops@example.com"]', updated_at: '2026-01-01T00:00:00Z' })
        .execute();
    });
  });
  afterEach(async () => {
    await fixture.dispose();
  });

  it('removes enrollments, drafts and files, keeps settings, and can be undone', async () => {
    const original = await withRuntime(fixture, (runtime) => allRows(runtime.db.kysely));
    const summary = await withRuntime(fixture, (runtime) => clearData(runtime));
    expect(summary.before).toEqual({
      enrollments: 2,
      documents: 14,
      checklistTasks: 12,
      enrollmentAuditEvents: 2,
      drafts: 1,
      storedFiles: 15,
    });
    expect(Object.values(summary.after).every((count) => count === 0)).toBe(true);

    await withRuntime(fixture, async (runtime) => {
      const rows = await allRows(runtime.db.kysely);
      expect(rows.settings).toEqual(original.settings);
      const events = await runtime.db.kysely.selectFrom('audit_events').selectAll().execute();
      expect(events.map((e) => e.action)).toEqual(['data.cleared']);
      expect(JSON.parse(events[0]?.details ?? '{}')).toMatchObject({ removed: summary.before });
      let files = 0;
      for await (const _ of runtime.files.list()) files++;
      expect(files).toBe(0);
    });

    const [safety] = await listBackups(fixture.config.paths.backups);
    expect(safety).toMatchObject({ name: summary.safetyBackup, kind: 'safety', enrollments: 2, verified: true });
    expect(safety?.name).toMatch(/^before_clear_\d{8}_\d{6}$/);
    await restoreBackup(fixture.config, await resolveBackup(fixture.config.paths.backups, summary.safetyBackup));
    expect(await withRuntime(fixture, (runtime) => allRows(runtime.db.kysely))).toEqual(original);
  });

  it('refuses without a terminal to confirm on unless --yes is given', async () => {
    const before = await withRuntime(fixture, (runtime) => allRows(runtime.db.kysely));
    const refused = await runByov(['clear', '--json'], fixture.env);
    expect(refused.code).toBe(1);
    const error = JSON.parse(refused.stdout).error;
    expect(error.code).toBe('NOT_CONFIRMED');
    expect(error.message).toMatch(/--yes/);
    expect(await withRuntime(fixture, (runtime) => allRows(runtime.db.kysely))).toEqual(before);

    const cleared = await runByov(['clear', '--yes'], fixture.env);
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(cleared.stdout).toMatch(/Enrollments\s+2\s+0/);
    expect(cleared.stdout).toMatch(/Safety backup of the previous data: before_clear_/);
  });
});
