import type { Command } from 'commander';
import { type ClearSummary, clearData, type DataCounts } from '../../backup/clear-data.js';
import { describeDatabase } from '../../config.js';
import { openRuntime } from '../../runtime.js';
import { assertDataFolderFree } from '../../storage/data-folder-lock.js';
import { runCommand } from '../run-command.js';
import { confirmOnTerminal, createTerminalProgress } from '../terminal-progress.js';
import { assertDatabaseExists } from './backup.js';

export function registerClear(program: Command): void {
  program
    .command('clear')
    .description('remove every enrollment and stored file, keeping settings (a safety backup is taken first)')
    .option('--yes', 'do not ask for confirmation (for scripts)')
    .option('--json', 'print the result as JSON')
    .action(
      runCommand(async ({ config, json }, options: { yes?: boolean }) => {
        assertDataFolderFree(config.dataDir, 'clear the data');
        assertDatabaseExists(config);
        await confirmOnTerminal({
          yes: options.yes === true,
          word: 'clear',
          warning:
            `This removes EVERY enrollment, document, checklist, draft and stored file from ${describeDatabase(config.database)}. ` +
            'Settings are kept, and a safety backup is taken first.',
        });
        const runtime = await openRuntime(config, { migrate: true });
        const progress = createTerminalProgress({ quiet: json });
        try {
          const summary = await clearData(runtime, { onProgress: progress.onProgress });
          progress.stop();
          console.log(json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
          return 0;
        } finally {
          progress.stop();
          await runtime.close();
        }
      }),
    );
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
    `Safety backup of the previous data: ${s.safetyBackup} (\`byov restore ${s.safetyBackup}\` undoes this)`,
  ].join('\n');
}
