import { rm } from 'node:fs/promises';
import { type Kysely, sql } from 'kysely';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { assertNoLiveInstances } from '../storage/cluster-guard.js';
import { assertDataFolderFree } from '../storage/data-folder-lock.js';
import type { Database } from '../storage/database.js';
import { insertAuditEvent } from '../storage/repositories/audit.repository.js';
import { nestedProgress, type OnProgress, step } from './progress.js';
import { type SafetyBackup, takeSafetyBackup } from './take-safety-backup.js';

export interface DataCounts {
  enrollments: number;
  documents: number;
  checklistTasks: number;
  enrollmentAuditEvents: number;
  drafts: number;
  storedFiles: number;
}

export interface ClearSummary {
  safetyBackup: string;
  /** Null when the safety backup is complete; otherwise what of the old data could not be read. */
  safetyBackupPartial: string[] | null;
  before: DataCounts;
  after: DataCounts;
}

/**
 * Removes every enrollment with its documents, checklist and audit trail, every unfinished draft
 * (their files go too), and every stored file, for a fresh start after testing. Settings and audit events not about an enrollment stay, and a
 * `data.cleared` event records what was removed. A safety backup comes first, so this can be
 * undone with `byov restore`.
 */
export async function clearData(
  runtime: Runtime,
  options: { onProgress?: OnProgress; safety?: SafetyBackup } = {},
): Promise<ClearSummary> {
  assertDataFolderFree(runtime.config.dataDir, 'clear the data');
  await assertNoLiveInstances(runtime.config, 'clear the data', runtime.now());
  const before = await countData(runtime);
  const safety =
    options.safety ??
    (await takeSafetyBackup(runtime.config, 'clear', {
      runtime,
      onProgress: nestedProgress(options.onProgress, 'Safety backup'),
    }));
  await step(options.onProgress, 'Remove enrollments', () =>
    runtime.db.kysely.transaction().execute(async (trx) => {
      await trx.deleteFrom('audit_events').where('enrollment_id', 'is not', null).execute();
      await trx.deleteFrom('checklist_tasks').execute();
      await trx.deleteFrom('documents').execute();
      await trx.deleteFrom('enrollments').execute();
      await trx.deleteFrom('draft_files').execute();
      await trx.deleteFrom('drafts').execute();
      await insertAuditEvent(trx, {
        enrollmentId: null,
        actor: 'cli',
        action: 'data.cleared',
        occurredAt: runtime.now().toISOString(),
        details: { removed: before, safetyBackup: safety.name },
      });
    }),
  );
  // After the commit: if this is interrupted, the files left are unreferenced, and the orphan
  // sweep removes them later; removing them first could leave rows naming missing files.
  await step(options.onProgress, 'Remove stored files', async () => {
    for await (const file of runtime.files.list()) await runtime.files.remove(file.key);
  });
  return {
    safetyBackup: safety.name,
    safetyBackupPartial: safety.partial,
    before,
    after: await countData(runtime),
  };
}

/**
 * `clear` when the SQLite database cannot be opened at all: its bytes go into a partial safety
 * backup with every readable file, then a fresh database replaces it and the files are removed.
 */
export async function clearUnreadableDatabase(
  config: Config,
  options: { onProgress?: OnProgress; safety?: SafetyBackup } = {},
): Promise<ClearSummary> {
  assertDataFolderFree(config.dataDir, 'clear the data');
  await assertNoLiveInstances(config, 'clear the data');
  if (config.database.engine !== 'sqlite') throw new AppError('INTERNAL', 'Only a SQLite file can be replaced.');
  const safety =
    options.safety ??
    (await takeSafetyBackup(config, 'clear', { onProgress: nestedProgress(options.onProgress, 'Safety backup') }));
  for (const suffix of ['', '-wal', '-shm']) await rm(`${config.database.file}${suffix}`, { force: true });
  const runtime = await openRuntime(config, { migrate: true });
  try {
    return await clearData(runtime, { ...options, safety });
  } finally {
    await runtime.close();
  }
}

async function countData(runtime: Runtime): Promise<DataCounts> {
  const db = runtime.db.kysely;
  let storedFiles = 0;
  for await (const _ of runtime.files.list()) storedFiles++;
  return {
    enrollments: await countRows(db, 'enrollments'),
    documents: await countRows(db, 'documents'),
    checklistTasks: await countRows(db, 'checklist_tasks'),
    enrollmentAuditEvents: await countRows(db, 'audit_events', true),
    drafts: await countRows(db, 'drafts'),
    storedFiles,
  };
}

async function countRows(db: Kysely<Database>, table: keyof Database, enrollmentOnly = false): Promise<number> {
  let query = db.selectFrom(table).select(sql<number>`count(*)`.as('count'));
  if (enrollmentOnly) query = query.where(sql.ref('enrollment_id'), 'is not', null);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}
