/**
 * `byov import-legacy --apply` on both engines: an installation folder, the JSON backup of the
 * earlier PostgreSQL mode, and a lone backup file with and without --uploads.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readNotificationSettings } from '../../src/domain/notifications/notification-settings.js';
import { importLegacy } from '../../src/legacy/import-legacy.js';
import { listAuditEventsOf } from '../../src/storage/repositories/audit.repository.js';
import { writeSetting } from '../../src/storage/repositories/settings.repository.js';
import { allRows, createFixture, type Fixture, withRuntime } from '../backup/support.js';
import { describeEachEngine, makeTempDir } from '../support/engines.js';
import { legacyJsonBackup, writeLegacyInstallation } from './legacy-fixtures.js';

import { codes, fingerprint } from './support.js';

describeEachEngine('import-legacy --apply', (engine) => {
  let target: Fixture;
  let temp: { dir: string; remove(): Promise<void> };
  beforeEach(async () => {
    target = await createFixture(engine);
    temp = await makeTempDir('byov-legacy-');
  });
  afterEach(async () => {
    await target.dispose();
    await temp.remove();
  });

  it('imports an installation with its files, flags, approval, times and settings, once', async () => {
    const installation = await writeLegacyInstallation(path.join(temp.dir, 'old'), 'head');
    const before = await fingerprint(installation.root);
    const sourceSha = createHash('sha256')
      .update(await readFile(installation.database))
      .digest('hex');

    const report = await importLegacy(target.config, {
      source: installation.root,
      timeZone: 'America/Chicago',
      apply: true,
    });

    expect(report).toMatchObject({ mode: 'applied', imported: 3, documentsImported: 9 });
    expect(report.safetyBackup).toMatch(/^before_import_/);
    expect(await fingerprint(installation.root)).toEqual(before);
    await withRuntime(target, async (runtime) => {
      const db = runtime.db.kysely;
      const rows = await db.selectFrom('enrollments').selectAll().orderBy('legacy_id').execute();
      expect(rows.map((r) => r.legacy_id)).toEqual(['1', '2', '3']);
      const [first, second, third] = rows;
      expect(first).toMatchObject({
        tech_id: 'TX1001',
        status: 'approved',
        state: 'Illinois',
        vin: '1HGCM82633A004352',
        year: 2003,
        email: '',
        industries: '["HVAC","Ref"]',
        // 08:30 and 10:00 in Chicago (UTC-6 in December).
        created_at: '2025-12-01T14:30:00.000Z',
        reviewed_at: '2025-12-02T16:00:00.500Z',
        reviewed_by: 'Admin',
      });
      expect(second).toMatchObject({ tech_id: 'AB 12', status: 'pending', year: 0, vin: '1HGCM82633A004353' });
      expect(JSON.parse(second?.industries ?? '[]')).toEqual(['Cook', 'Dish']);
      expect(codes(JSON.parse(second?.review_flags ?? '[]'))).toContain('vin_invalid');
      expect(third?.signed_pdf_sha256).toBeNull();

      const docs = await db
        .selectFrom('documents')
        .selectAll()
        .where('enrollment_id', '=', first?.id as string)
        .execute();
      const expected = installation.records[0]?.files ?? [];
      expect(docs.map((d) => d.sha256).sort()).toEqual(expected.map((f) => f.sha256).sort());
      for (const doc of docs) expect(await runtime.files.has(doc.storage_key)).toBe(true);
      const policy = docs.find((d) => d.category === 'signed_policy');
      expect(policy?.sha256).toBe(expected.find((f) => f.docType === 'signature')?.sha256);
      expect(first?.signed_pdf_sha256).toBe(policy?.sha256);
      // JPEG bytes under a .png name are stored as what they are.
      expect(docs.find((d) => d.original_name === 'vehicle_2.png')?.content_type).toBe('image/jpeg');
      expect(docs.map((d) => d.category).sort()).toEqual([
        'insurance',
        'registration',
        'signed_policy',
        'vehicle_back',
        'vehicle_front',
        'vehicle_left',
        'vehicle_right',
      ]);

      const events = await listAuditEventsOf(
        db,
        rows.map((r) => r.id),
      );
      expect(events).toHaveLength(3);
      for (const event of events) {
        expect(event.action).toBe('enrollment.imported');
        expect(JSON.parse(event.details).source).toEqual({
          file: installation.database,
          kind: 'installation',
          sha256: sourceSha,
        });
      }
      // On-submission recipients become the program inbox, expiry rules' days the reminder days.
      expect(await readNotificationSettings(db)).toEqual({
        inbox: ['inbox@example.com', 'hr@example.com'],
        reminderOffsets: [30],
      });
      expect(await db.selectFrom('checklist_tasks').select('id').execute()).toHaveLength(18);
    });

    const rowsAfterFirst = await withRuntime(target, (runtime) => allRows(runtime.db.kysely));
    const again = await importLegacy(target.config, {
      source: installation.root,
      timeZone: 'America/Chicago',
      apply: true,
    });
    expect(again).toMatchObject({ imported: 0, counts: { toImport: 0, alreadyImported: 3 } });
    const rowsAfterSecond = await withRuntime(target, (runtime) => allRows(runtime.db.kysely));
    expect(rowsAfterSecond.enrollments).toEqual(rowsAfterFirst.enrollments);
    expect(rowsAfterSecond.documents).toEqual(rowsAfterFirst.documents);
    expect(rowsAfterSecond.audit_events).toEqual(rowsAfterFirst.audit_events);
  });

  it('imports a JSON backup of the PostgreSQL mode with its checklist, using --uploads', async () => {
    const old = path.join(temp.dir, 'old');
    const installation = await writeLegacyInstallation(old, 'head');
    const backup = path.join(old, 'data', 'backups', 'byov_backup_20251203_090000.json');
    await writeFile(backup, JSON.stringify(legacyJsonBackup(installation.records), null, 2));

    const dry = await importLegacy(target.config, {
      source: backup,
      uploads: path.join(old, 'uploads'),
      timeZone: 'UTC',
      apply: false,
    });
    expect(dry.source).toMatchObject({ kind: 'json-backup', filesFolderFrom: 'option' });
    expect(dry.counts).toMatchObject({
      enrollments: 3,
      filesFound: 9,
      filesMissing: 1,
      checklistTicks: 2,
      approved: 1,
    });
    const state = await withRuntime(target, (runtime) => allRows(runtime.db.kysely));
    expect(state.enrollments).toEqual([]);

    // Settings made here are never overwritten by the earlier ones.
    await withRuntime(target, (runtime) =>
      writeSetting(runtime.db.kysely, 'notifications', { inbox: ['mine@example.com'], reminderOffsets: [14] }, 'x'),
    );
    const report = await importLegacy(target.config, {
      source: backup,
      uploads: path.join(old, 'uploads'),
      timeZone: 'UTC',
      apply: true,
    });
    expect(report.imported).toBe(3);
    expect(report.settings).toEqual([expect.objectContaining({ key: 'notifications', created: false })]);
    await withRuntime(target, async (runtime) => {
      const db = runtime.db.kysely;
      expect(await readNotificationSettings(db)).toEqual({ inbox: ['mine@example.com'], reminderOffsets: [14] });
      const first = await db
        .selectFrom('enrollments')
        .selectAll()
        .where('legacy_id', '=', '1')
        .executeTakeFirstOrThrow();
      expect(first.created_at).toBe('2025-12-01T08:30:00.000Z');
      const ticks = await db
        .selectFrom('checklist_tasks')
        .select(['task_key', 'completed_at', 'completed_by'])
        .where('enrollment_id', '=', first.id)
        .where('completed_at', 'is not', null)
        .orderBy('task_key')
        .execute();
      expect(ticks).toEqual([
        {
          task_key: 'approved_synced',
          completed_at: '2025-12-02T10:00:01.000Z',
          completed_by: 'System - Dashboard Sync',
        },
        { task_key: 'policy_hr', completed_at: '2025-12-02T10:05:00.000Z', completed_by: 'System - HR Email Sent' },
      ]);
    });
  });

  it('reports every file of a lone backup as missing without --uploads, and finds them with it', async () => {
    const old = path.join(temp.dir, 'old');
    const installation = await writeLegacyInstallation(old, '2025-11-28');
    const elsewhere = path.join(temp.dir, 'copied');
    await mkdir(elsewhere);
    const backup = path.join(elsewhere, 'byov_backup_20251128_101500.db');
    await copyFile(installation.database, backup);

    const alone = await importLegacy(target.config, { source: backup, timeZone: 'UTC', apply: false });
    expect(alone.source).toMatchObject({ kind: 'sqlite-backup', filesFolder: null });
    expect(alone.counts).toMatchObject({ filesFound: 0, filesMissing: 10 });
    expect(alone.enrollments[0]?.missingFiles[0]?.reason).toMatch(/--uploads/);

    const found = await importLegacy(target.config, { source: backup, uploads: old, timeZone: 'UTC', apply: true });
    expect(found.counts).toMatchObject({ filesFound: 9, filesMissing: 1 });
    expect(found.imported).toBe(3);
  });
});
