import type { Command } from 'commander';
import { type CheckReport, checkLiveData, type FileProblem } from '../../backup/check-live-data.js';
import { recordLiveDataCheck } from '../../backup/live-data-findings.js';
import { type RepairReport, repairLiveData } from '../../backup/repair-live-data.js';
import type { Config } from '../../config.js';
import { openRuntime, type Runtime } from '../../runtime.js';
import { EXIT_FAILED, runCommand } from '../run-command.js';
import { createTerminalProgress } from '../terminal-progress.js';
import { assertDatabaseExists } from './backup.js';
import { bullets } from './verify.js';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('check the live data: database integrity and foreign keys, and every stored file by hash')
    .option('--json', 'print the result as JSON')
    .action(
      runCommand(async ({ config, json }) => {
        const report = await withLiveData(config, json, async (runtime, onProgress) => {
          const checked = await checkLiveData(runtime, { onProgress });
          // What /health, status and the admin overview show; a database too damaged to take
          // the note still gets its report printed.
          await recordLiveDataCheck(runtime.db.kysely, checked, 'all', () => true).catch(() => undefined);
          return checked;
        }).catch(unopenable);
        console.log(json ? JSON.stringify(report, null, 2) : formatCheck(report));
        return report.ok ? 0 : EXIT_FAILED;
      }),
    );
  program
    .command('repair')
    .description('put back missing or damaged stored files from the newest backup that holds them')
    .option('--json', 'print the result as JSON')
    .action(
      runCommand(async ({ config, json }) => {
        const report = await withLiveData(config, json, (runtime, onProgress) =>
          repairLiveData(runtime, { onProgress }),
        );
        console.log(json ? JSON.stringify(report, null, 2) : formatRepair(report));
        return report.ok ? 0 : EXIT_FAILED;
      }),
    );
}

/** Opens the live data without migrating it (a check changes nothing), with progress on a terminal. */
async function withLiveData<T>(
  config: Config,
  json: boolean,
  work: (runtime: Runtime, onProgress: ReturnType<typeof createTerminalProgress>['onProgress']) => Promise<T>,
): Promise<T> {
  assertDatabaseExists(config);
  const runtime = await openRuntime(config, { migrate: false });
  const progress = createTerminalProgress({ quiet: json });
  try {
    return await work(runtime, progress.onProgress);
  } finally {
    progress.stop();
    await runtime.close();
  }
}

/** A SQLite file that cannot even be opened is the one problem to report. */
function unopenable(error: unknown): CheckReport {
  if (!String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_')) throw error;
  return {
    ok: false,
    checkedAt: new Date().toISOString(),
    database: [`The database cannot be opened: ${(error as Error).message.split('\n')[0]}`],
    files: { checked: 0, problems: [] },
  };
}

function describeProblem(p: FileProblem): string {
  const who = [
    p.enrollmentIds.length > 0 ? `enrollments ${p.enrollmentIds.join(', ')}` : '',
    p.draftIds.length > 0 ? `drafts ${p.draftIds.join(', ')}` : '',
  ].filter(Boolean);
  return `file ${p.storageKey} is ${p.problem}${who.length > 0 ? ` (${who.join('; ')})` : ''}`;
}

function formatCheck(r: CheckReport): string {
  if (r.ok) return `Live data OK: database sound, ${r.files.checked} stored files match their hashes.`;
  return [
    `Live data has problems (${r.database.length + r.files.problems.length}):`,
    ...bullets([...r.database, ...r.files.problems.map(describeProblem)]),
    'Run `byov repair` to put back stored files from a backup; a damaged database needs `byov restore <backup>`.',
  ].join('\n');
}

function formatRepair(r: RepairReport): string {
  const lines = [`Repaired ${r.repaired.length} stored file(s).`];
  lines.push(...bullets(r.repaired.map((f) => `file ${f.storageKey} from ${f.from}`)));
  if (r.unrepaired.length > 0) {
    lines.push(`Could not repair ${r.unrepaired.length} file(s): no backup holds a good copy:`);
    lines.push(...bullets(r.unrepaired.map(describeProblem)));
  }
  if (r.database.length > 0) {
    lines.push('The database itself has problems; restore a backup to fix them:', ...bullets(r.database));
    if (r.newestBackup) lines.push(`  byov restore ${r.newestBackup}`);
  }
  return lines.join('\n');
}
