import { existsSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { type BackupSummary, createBackup } from '../../backup/create-backup.js';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { openRuntime } from '../../runtime.js';
import { formatBytes, runCommand } from '../run-command.js';
import { createTerminalProgress, formatUtc } from '../terminal-progress.js';
import { bullets, describeKnownProblem } from './verify.js';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('take a verified backup of the database and every stored file into data/backups')
    .addOption(
      new Option('--kind <kind>', 'what the manifest records: manual, or scheduled (used by the server)')
        .choices(['manual', 'scheduled'])
        .default('manual'),
    )
    .option('--json', 'print the result as JSON')
    .action(
      runCommand(async ({ config, json }, options: { kind: 'manual' | 'scheduled' }) => {
        assertDatabaseExists(config);
        // Not migrated: a backup taken before an upgrade must hold the data exactly as it was.
        const runtime = await openRuntime(config, { migrate: false });
        const progress = createTerminalProgress({ quiet: json });
        try {
          const summary = await createBackup(runtime, { kind: options.kind, onProgress: progress.onProgress });
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

/** Opening a missing SQLite file would create an empty database, and back up nothing. */
export function assertDatabaseExists(config: Config): void {
  if (config.database.engine === 'sqlite' && !existsSync(config.database.file)) {
    throw new AppError(
      'NOT_FOUND',
      `There is no database at ${config.database.file} yet. Start the server (npm start) or run \`byov migrate\` first.`,
    );
  }
}

function formatSummary(s: BackupSummary): string {
  const problems = s.knownProblems.length;
  return [
    ...(problems > 0
      ? [
          `WARNING: ${problems} file(s) are missing or damaged both in data/files and in the backups; the backup ` +
            'records them as known problems and holds everything else. Run `byov repair`:',
          ...bullets(s.knownProblems.map(describeKnownProblem)),
        ]
      : []),
    `Backup ${s.name} created and verified${problems > 0 ? ` with ${problems} known problem(s)` : ''} (${formatUtc(s.createdAt)}).`,
    `  Engine:       ${s.engine}, schema version ${s.schemaVersion}`,
    `  Enrollments:  ${s.tables.enrollments ?? 0} (${s.tables.documents ?? 0} documents)`,
    `  Files:        ${s.files}, ${formatBytes(s.totalFileBytes)} (${s.newFiles} new, ${formatBytes(s.newFileBytes)} added)`,
    `  Snapshot:     ${formatBytes(s.snapshotBytes)}`,
    `  Location:     ${s.path}`,
  ].join('\n');
}
