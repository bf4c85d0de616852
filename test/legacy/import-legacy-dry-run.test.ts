/**
 * `byov import-legacy` without --apply over each SQLite schema variant of the earlier version:
 * counts, flags and missing files, and nothing changed anywhere; and what it refuses.
 */
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { importLegacy } from '../../src/legacy/import-legacy.js';
import { makeTempDir } from '../support/engines.js';
import {
  hasApproval,
  hasAppSettings,
  LEGACY_VARIANTS,
  writeLegacyInstallation,
  writeLegacySqlite,
} from './legacy-fixtures.js';
import { codes, fingerprint } from './support.js';

describe('import-legacy dry run over every SQLite variant', () => {
  let temp: { dir: string; remove(): Promise<void> };
  beforeEach(async () => {
    temp = await makeTempDir('byov-legacy-');
  });
  afterEach(async () => temp.remove());

  for (const variant of LEGACY_VARIANTS) {
    it(`reports counts, flags and missing files for the ${variant} schema and changes nothing`, async () => {
      const installation = await writeLegacyInstallation(path.join(temp.dir, 'old'), variant);
      const before = await fingerprint(installation.root);
      const config = loadConfig({ DATA_DIR: path.join(temp.dir, 'new'), DATABASE_URL: '' });

      const report = await importLegacy(config, {
        source: installation.root,
        timeZone: 'America/Chicago',
        apply: false,
      });

      expect(report.mode).toBe('dry-run');
      expect(report.source.kind).toBe('installation');
      expect(report.counts).toMatchObject({
        enrollments: 3,
        toImport: 3,
        alreadyImported: 0,
        approved: hasApproval(variant) ? 1 : 0,
        needsReview: 3,
        filesFound: 9,
        filesMissing: 1,
        notificationRules: 3,
        notificationsSent: 1,
        orphanDocuments: 1,
      });
      expect(report.source.absent.includes('enrollments.approved')).toBe(!hasApproval(variant));
      expect(report.source.absent.includes('app_settings')).toBe(!hasAppSettings(variant));
      const [first, second, third] = report.enrollments;
      expect(codes(first?.flags ?? [])).toEqual(['email_missing', 'state_full_name']);
      expect(codes(second?.flags ?? [])).toEqual([
        'email_missing',
        'files_missing',
        'insurance_expired',
        'state_full_name',
        'tech_id_format',
        'vin_invalid',
        'year_not_number',
      ]);
      expect(codes(third?.flags ?? [])).toEqual(['email_missing', 'signed_policy_missing', 'vin_missing']);
      expect(second?.missingFiles).toEqual([
        expect.objectContaining({
          docType: 'vehicle',
          path: installation.records[1]?.files[1]?.path,
          reason: 'not found',
        }),
      ]);
      // The report names no one: no full names and no VINs.
      const printed = JSON.stringify(report);
      for (const secret of ['Łukasz', 'Rosa', '1HGCM82633A004353']) expect(printed).not.toContain(secret);

      expect(await fingerprint(installation.root)).toEqual(before);
      await expect(stat(path.join(config.dataDir, 'byov.db'))).rejects.toThrow();
    });
  }
});

describe('import-legacy refuses what it cannot read, changing nothing', () => {
  let temp: { dir: string; remove(): Promise<void> };
  beforeEach(async () => {
    temp = await makeTempDir('byov-legacy-');
  });
  afterEach(async () => temp.remove());

  it('rejects an unknown time zone, a file that is neither form, and a path that climbs out', async () => {
    const config = loadConfig({ DATA_DIR: path.join(temp.dir, 'new'), DATABASE_URL: '' });
    const installation = await writeLegacyInstallation(path.join(temp.dir, 'old'), 'head');
    await expect(
      importLegacy(config, { source: installation.root, timeZone: 'Mars/Olympus', apply: true }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const junk = path.join(temp.dir, 'junk.db');
    await writeFile(junk, 'not a database at all');
    await expect(importLegacy(config, { source: junk, timeZone: 'UTC', apply: false })).rejects.toMatchObject({
      code: 'BACKUP_INVALID',
    });
    const hostile = path.join(temp.dir, 'hostile.db');
    writeLegacySqlite(hostile, 'head', [
      {
        id: 5,
        techId: 'X1',
        row: { full_name: 'X', tech_id: 'X1' },
        files: [{ docType: 'insurance', path: '../../etc/passwd', sha256: '', present: false }],
      },
    ]);
    const report = await importLegacy(config, {
      source: hostile,
      uploads: installation.root,
      timeZone: 'UTC',
      apply: false,
    });
    expect(report.enrollments[0]?.missingFiles[0]?.reason).toMatch(/leaves the files folder/);
    await expect(stat(path.join(config.dataDir, 'byov.db'))).rejects.toThrow();
  });
});
