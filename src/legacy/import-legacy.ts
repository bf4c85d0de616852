import { existsSync } from 'node:fs';
import { createBackup } from '../backup/create-backup.js';
import type { OnProgress } from '../backup/progress.js';
import type { Config } from '../config.js';
import { calendarDate } from '../domain/admin/compliance.js';
import { AppError } from '../errors.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { migrateToLatest } from '../storage/migrate.js';
import { applyLegacyImport } from './apply-legacy-import.js';
import type { LegacyDataset } from './legacy-dataset.js';
import { findLegacyFile, type LegacyFileLookup } from './legacy-files.js';
import { buildReport, type LegacyImportReport } from './legacy-import-report.js';
import { isKnownTimeZone } from './legacy-values.js';
import { type LegacySource, locateLegacySource, readLegacyDataset } from './locate-legacy-source.js';
import { type ImportPlan, planLegacyImport } from './plan-legacy-import.js';
import { readTargetState, readTargetStateReadOnly } from './read-target-state.js';

export interface ImportLegacyRequest {
  source: string;
  uploads?: string;
  timeZone: string;
  apply: boolean;
  now?: () => Date;
  onProgress?: OnProgress;
}

/**
 * `byov import-legacy`: reads the earlier version's data (never writing to it) and plans the
 * import. Without `apply` nothing changes anywhere and the plan is the report. With `apply` a
 * safety backup of this product's data is taken, the database is migrated, and the plan,
 * recomputed against the migrated database, is written in one transaction.
 */
export async function importLegacy(config: Config, request: ImportLegacyRequest): Promise<LegacyImportReport> {
  if (!isKnownTimeZone(request.timeZone)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Unknown time zone "${request.timeZone}"; use an IANA name such as America/Chicago.`,
      {
        field: 'timezone',
      },
    );
  }
  const now = request.now ?? (() => new Date());
  const source = await locateLegacySource(request.source, request.uploads);
  const dataset = await readLegacyDataset(source);
  const lookups = await lookUpFiles(source, dataset);
  if (!request.apply) {
    const plan = makePlan(dataset, lookups, await readTargetStateReadOnly(config), request.timeZone, now());
    return buildReport({ mode: 'dry-run', source, dataset, plan, timeZone: request.timeZone });
  }
  const { runtime, safetyBackup } = await openWithSafetyBackup(config, request.onProgress);
  try {
    const plan = makePlan(dataset, lookups, await readTargetState(runtime.db.kysely), request.timeZone, now());
    const applied = await applyLegacyImport({ ...runtime, now }, plan, source);
    return buildReport({ mode: 'applied', source, dataset, plan, timeZone: request.timeZone, applied, safetyBackup });
  } finally {
    await runtime.close();
  }
}

function makePlan(
  dataset: LegacyDataset,
  lookups: Map<number, LegacyFileLookup>,
  target: Awaited<ReturnType<typeof readTargetState>>,
  timeZone: string,
  at: Date,
): ImportPlan {
  return planLegacyImport(dataset, lookups, target, {
    timeZone,
    today: calendarDate(at),
    currentYear: at.getUTCFullYear(),
    importedAt: at.toISOString(),
  });
}

async function lookUpFiles(source: LegacySource, dataset: LegacyDataset): Promise<Map<number, LegacyFileLookup>> {
  const lookups = new Map<number, LegacyFileLookup>();
  for (const doc of dataset.documents) lookups.set(doc.id, await findLegacyFile(source.filesRoot, doc.filePath));
  return lookups;
}

/**
 * The safety backup holds the data exactly as it was, so it is taken before migrating. A data
 * folder without a database yet has nothing to protect: it is created and migrated.
 */
async function openWithSafetyBackup(
  config: Config,
  onProgress: OnProgress | undefined,
): Promise<{ runtime: Runtime; safetyBackup: string | null }> {
  const fresh = config.database.engine === 'sqlite' && !existsSync(config.database.file);
  const runtime = await openRuntime(config, { migrate: fresh });
  try {
    const safetyBackup = fresh
      ? null
      : (await createBackup(runtime, { kind: 'safety', before: 'import', onProgress })).name;
    await migrateToLatest(runtime.db.kysely);
    return { runtime, safetyBackup };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}
