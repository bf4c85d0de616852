import { existsSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { type BackupSummary, createBackup } from '../../backup/create-backup.js';
import type { OnProgress } from '../../backup/progress.js';
import { copyBackupToRemote, type RemoteCopySummary } from '../../backup/remote/copy-backup-to-remote.js';
import type { Config } from '../../config.js';
import { AppError, isAppError } from '../../errors.js';
import { openRuntime } from '../../runtime.js';
import { EXIT_FAILED, formatBytes, runCommand } from '../run-command.js';
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
          const remote = config.backup.remote ? await copyOffMachine(config, summary.name, progress.onProgress) : null;
          progress.stop();
          console.log(json ? JSON.stringify({ ...summary, remote }, null, 2) : formatSummary(summary, remote));
          // The local backup stands either way; a failed copy still fails the command, so it is seen.
          return remote && 'error' in remote ? EXIT_FAILED : 0;
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

type RemoteOutcome = RemoteCopySummary | { error: { code: string; message: string } };

/** Copies the new backup off the machine; a failure is reported, never thrown: the backup stands. */
async function copyOffMachine(config: Config, name: string, onProgress: OnProgress): Promise<RemoteOutcome> {
  try {
    return await copyBackupToRemote(config, name, { onProgress });
  } catch (error) {
    const code = isAppError(error) ? error.code : 'INTERNAL';
    return { error: { code, message: error instanceof Error ? error.message : String(error) } };
  }
}

function formatRemote(remote: RemoteOutcome | null): string[] {
  if (!remote) return [];
  if ('error' in remote) return [`  Off-machine:  FAILED. ${remote.error.message}`];
  const sealed = remote.encrypted ? 'encrypted' : 'NOT encrypted (set BACKUP_ENCRYPT_TO)';
  if (!remote.copied) return [`  Off-machine:  already in ${remote.remote}`];
  return [
    `  Off-machine:  copied to ${remote.remote}, ${sealed}: ${remote.objectsSent} objects, ` +
      `${formatBytes(remote.bytesSent)} sent (${remote.blobsAlreadyThere} files already there)`,
  ];
}

function formatSummary(s: BackupSummary, remote: RemoteOutcome | null): string {
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
    ...formatRemote(remote),
  ].join('\n');
}
