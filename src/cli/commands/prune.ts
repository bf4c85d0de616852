import type { Command } from 'commander';
import { lockBackupStore } from '../../backup/backup-store-lock.js';
import { backupFolderStore, type PruneReport, pruneBackups } from '../../backup/prune-backups.js';
import type { RetentionPolicy } from '../../backup/retention.js';
import type { Config } from '../../config.js';
import { formatBytes, runCommand } from '../run-command.js';
import { pruneRemote } from './remote.js';

export function registerPrune(program: Command): void {
  program
    .command('prune')
    .description('apply the retention policy: remove old backups and the stored files only they use')
    .option('--dry-run', 'show what would be removed, and remove nothing')
    .option('--remote', 'apply the policy to the off-machine copies in BACKUP_REMOTE instead')
    .option('--json', 'print the result as JSON')
    .action(
      runCommand(async ({ config, json }, options: { dryRun?: boolean; remote?: boolean }) => {
        if (options.remote) {
          return lockBackupStore(config, 'remote prune', () => pruneRemote({ config, json }, options.dryRun === true));
        }
        const report = await lockBackupStore(config, 'prune', () =>
          pruneBackups(backupFolderStore(config.paths.backups), {
            policy: retentionPolicyOf(config),
            now: new Date(),
            dryRun: options.dryRun === true,
            // Progress goes to stderr so stdout holds only the result, identical for a dry run.
            onProgress: json ? undefined : (line) => console.error(line),
          }),
        );
        console.log(json ? JSON.stringify(report, null, 2) : formatPruneReport(report));
        return 0;
      }),
    );
}

export function retentionPolicyOf(config: Config): RetentionPolicy {
  const { keepLast, keepDaily, keepWeekly, keepMonthly, safetyKeepDays } = config.backup;
  return { keepLast, keepDaily, keepWeekly, keepMonthly, safetyKeepDays };
}

/** The report for people; a dry run differs from the real run only in its wording of the outcome. */
export function formatPruneReport(report: PruneReport): string {
  const p = report.policy;
  const removeVerb = report.dryRun ? 'Would remove' : 'Removed';
  const lines = [
    `Policy: keep last ${p.keepLast}, daily ${p.keepDaily}, weekly ${p.keepWeekly}, monthly ${p.keepMonthly}; ` +
      `safety backups ${p.safetyKeepDays} days.`,
    `Keeping ${report.kept.length} backup(s):`,
    ...report.kept.map((b) => backupLine(b, b.reasons.join(', '))),
    `${removeVerb} ${report.removed.length} backup(s):`,
    ...report.removed.map((b) => backupLine(b, `${b.reasons.join(', ')}; ${formatBytes(b.bytes)}`)),
    `${removeVerb} ${report.blobs.removed.length} stored file(s) no kept backup uses (${formatBytes(report.blobs.bytes)}).`,
    ...(report.damaged.length > 0
      ? [
          `Kept every stored file: the manifest of ${report.damaged.join(', ')} cannot be read, so any file may be ` +
            'one it needs. Repair or remove that folder by hand (see `byov list`).',
        ]
      : []),
    report.dryRun
      ? `Would free ${formatBytes(report.bytesFreed)}. Dry run: nothing was removed.`
      : `Freed ${formatBytes(report.bytesFreed)}.`,
  ];
  return lines.join('\n');
}

function backupLine(backup: PruneReport['kept'][number], detail: string): string {
  const verified = backup.verified === true ? 'verified' : backup.verified === false ? 'FAILED verify' : 'unverified';
  return `  ${backup.name.padEnd(32)} ${backup.kind.padEnd(9)} ${verified.padEnd(13)} ${detail}`;
}
