import type { Command } from 'commander';
import { readManifest } from '../../backup/manifest.js';
import { type BackupSource, resolveBackup } from '../../backup/resolve-backup.js';
import { type RestoreSummary, restoreBackup } from '../../backup/restore-backup.js';
import { describeRow } from '../../backup/snapshot-contents.js';
import { describeDatabase } from '../../config.js';
import { assertNotEarlierVersionFile } from '../../legacy/detect-legacy-file.js';
import { assertNoLiveInstances } from '../../storage/cluster-guard.js';
import { assertDataFolderFree } from '../../storage/data-folder-lock.js';
import { runCommand } from '../run-command.js';
import { confirmOnTerminal, createTerminalProgress, formatUtc } from '../terminal-progress.js';
import { restoreRemote } from './remote.js';
import { bullets, describeKnownProblem } from './verify.js';

export function registerRestore(program: Command): void {
  program
    .command('restore')
    .description('replace all current data with a backup (verified first; a safety backup is taken before)')
    .argument('<backup>', 'a backup name (as `byov list` shows it, with or without an extension) or a path')
    .option('--remote', 'restore a backup from BACKUP_REMOTE (a name, or latest): works on a bare machine')
    .option('--identity <file>', 'the age identity file that opens encrypted remote backups')
    .option('--yes', 'do not ask for confirmation (for scripts)')
    .option('--json', 'print the result as JSON')
    .action(
      runCommand(
        async (
          { config, json },
          reference: string,
          options: { yes?: boolean; remote?: boolean; identity?: string },
        ) => {
          if (options.remote) {
            assertDataFolderFree(config.dataDir, 'restore');
            await assertNoLiveInstances(config, 'restore');
            return restoreRemote({ config, json }, reference, options);
          }
          // Checked before asking, so nobody confirms a restore that cannot run.
          assertDataFolderFree(config.dataDir, 'restore');
          await assertNoLiveInstances(config, 'restore');
          const source = await resolveBackup(config.paths.backups, reference);
          if (source.type === 'plain') await assertNotEarlierVersionFile(source.file, source.name);
          await confirmOnTerminal({
            yes: options.yes === true,
            word: 'yes',
            warning:
              `This replaces ALL current data in ${describeDatabase(config.database)} and its files with ` +
              `${await describeSource(source)}. A safety backup of the current data is taken first.`,
          });
          const progress = createTerminalProgress({ quiet: json });
          try {
            const summary = await restoreBackup(config, source, { onProgress: progress.onProgress });
            progress.stop();
            console.log(json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
            return 0;
          } finally {
            progress.stop();
          }
        },
      ),
    );
}

async function describeSource(source: BackupSource): Promise<string> {
  if (source.type === 'plain') return `the database file ${source.name}`;
  const read = await readManifest(source.dir);
  if (!read.ok) return `backup ${source.name}`;
  const m = read.manifest;
  const known = m.knownProblems ?? [];
  const lost =
    known.length > 0
      ? `. It records ${known.length} file(s) it could not hold (missing or damaged when it was taken); ` +
        `those stay missing after the restore:\n${bullets(known.map(describeKnownProblem)).join('\n')}\n`
      : '';
  return `backup ${source.name} (taken ${formatUtc(m.createdAt)}, ${m.tables.enrollments ?? 0} enrollments)${lost}`;
}

function formatSummary(s: RestoreSummary): string {
  const migrated =
    s.schemaVersion.backup === s.schemaVersion.restored
      ? `schema version ${s.schemaVersion.restored}`
      : `migrated from schema version ${s.schemaVersion.backup} to ${s.schemaVersion.restored}`;
  const lines = [
    `Restored ${s.source} into the ${s.engine} database (${migrated}).`,
    `  Enrollments:    ${s.enrollments}`,
    `  Documents:      ${s.documents}`,
    `  Files restored: ${s.files.copied} copied, ${s.files.alreadyPresent} already present` +
      (s.files.repaired > 0 ? `, ${s.files.repaired} damaged ones replaced` : ''),
    s.safetyBackupPartial
      ? `  Safety backup of the previous data: ${s.safetyBackup}, PARTIAL: the previous data could not all be ` +
        `read, so it keeps what could:\n${bullets(s.safetyBackupPartial).join('\n')}`
      : `  Safety backup of the previous data: ${s.safetyBackup} (\`byov restore ${s.safetyBackup}\` undoes this)`,
  ];
  if (s.missingFiles.length > 0) {
    lines.push(
      `WARNING: ${s.missingFiles.length} file(s) named by the restored rows could not be put back ` +
        '(lost before the backup was taken, or found nowhere); they will show as missing:',
      ...bullets(s.missingFiles.map((f) => `${describeRow(f)}: file ${f.storageKey}`)),
    );
  }
  return lines.join('\n');
}
