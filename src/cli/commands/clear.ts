import type { Command } from 'commander';
import { type ClearSummary, clearData, clearUnreadableDatabase, type DataCounts } from '../../backup/clear-data.js';
import { nestedProgress, type OnProgress } from '../../backup/progress.js';
import { type SafetyBackup, takeSafetyBackup } from '../../backup/take-safety-backup.js';
import { type Config, describeDatabase } from '../../config.js';
import { openRuntime, type Runtime } from '../../runtime.js';
import { assertNoLiveInstances } from '../../storage/cluster-guard.js';
import { assertDataFolderFree } from '../../storage/data-folder-lock.js';
import { runCommand } from '../run-command.js';
import { confirmOnTerminal, createTerminalProgress } from '../terminal-progress.js';

export function registerClear(program: Command): void {
  program
    .command('clear')
    .description('remove every enrollment and stored file, keeping settings (a safety backup is taken first)')
    .option('--yes', 'do not ask for confirmation (for scripts)')
    .option('--json', 'print the result as JSON')
    .action(
      runCommand(async ({ config, json }, options: { yes?: boolean }) => {
        assertDataFolderFree(config.dataDir, 'clear the data');
        await assertNoLiveInstances(config, 'clear the data');
        await confirmOnTerminal({
          yes: options.yes === true,
          word: 'clear',
          warning:
            `This removes EVERY enrollment, document, checklist, draft and stored file from ${describeDatabase(config.database)}. ` +
            'Settings are kept, and a safety backup is taken first.',
        });
        const progress = createTerminalProgress({ quiet: json });
        try {
          const summary = await clearWhateverState(config, progress.onProgress);
          progress.stop();
          console.log(json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
          return 0;
        } finally {
          progress.stop();
        }
      }),
    );
}

/** A database SQLite cannot open is replaced by a fresh one (its bytes kept in the safety backup). */
async function clearWhateverState(config: Config, onProgress: OnProgress): Promise<ClearSummary> {
  let runtime: Runtime;
  try {
    runtime = await openRuntime(config, { migrate: true });
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (config.database.engine === 'sqlite' && code.startsWith('SQLITE_')) {
      return clearUnreadableDatabase(config, { onProgress });
    }
    throw error;
  }
  let safety: SafetyBackup;
  try {
    safety = await takeSafetyBackup(config, 'clear', {
      runtime,
      onProgress: nestedProgress(onProgress, 'Safety backup'),
    });
    // Rows SQLite cannot read cannot be deleted either: a fresh file replaces the damaged one.
    if (!safety.partial || config.database.engine !== 'sqlite') return await clearData(runtime, { onProgress, safety });
  } finally {
    await runtime.close();
  }
  return clearUnreadableDatabase(config, { onProgress, safety });
}

function formatSummary(s: ClearSummary): string {
  const row = (label: string, key: keyof DataCounts) =>
    `  ${label.padEnd(26)} ${String(s.before[key]).padStart(8)} ${String(s.after[key]).padStart(8)}`;
  return [
    'Data cleared.',
    `  ${''.padEnd(26)} ${'before'.padStart(8)} ${'after'.padStart(8)}`,
    row('Enrollments', 'enrollments'),
    row('Documents', 'documents'),
    row('Checklist tasks', 'checklistTasks'),
    row('Enrollment audit events', 'enrollmentAuditEvents'),
    row('Unfinished drafts', 'drafts'),
    row('Stored files', 'storedFiles'),
    s.safetyBackupPartial
      ? `Safety backup of the previous data: ${s.safetyBackup}, PARTIAL: it holds what could still be read:\n` +
        s.safetyBackupPartial.map((p) => `  - ${p}`).join('\n')
      : `Safety backup of the previous data: ${s.safetyBackup} (\`byov restore ${s.safetyBackup}\` undoes this)`,
  ].join('\n');
}
