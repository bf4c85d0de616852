import type { Command } from 'commander';
import { type BackupListing, type DamagedBackup, listBackups, listDamagedBackups } from '../../backup/list-backups.js';

import { formatBytes, runCommand } from '../run-command.js';
import { formatUtc } from '../terminal-progress.js';
import { listRemote } from './remote.js';

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list the backups in data/backups, newest first')
    .option('--remote', 'list the off-machine copies in BACKUP_REMOTE instead (no identity needed)')
    .option('--json', 'print the backups as JSON')
    .action(
      runCommand(async ({ config, json }, options: { remote?: boolean }) => {
        if (options.remote) return listRemote({ config, json });
        const backupsDir = config.paths.backups;
        const backups = await listBackups(backupsDir);
        const damaged = await listDamagedBackups(backupsDir);
        if (json) console.log(JSON.stringify([...backups, ...damaged.map((d) => ({ ...d, damaged: true }))], null, 2));
        else if (backups.length === 0 && damaged.length === 0) {
          console.log(`No backups yet in ${backupsDir}. Run \`byov backup\` to take one.`);
        } else console.log(formatTable(backupsDir, backups, damaged));
        return 0;
      }),
    );
}

/** The VERIFIED column: a yes with known problems says how many; a partial backup says so. */
function verdict(b: BackupListing): string {
  if (b.partial) return `PARTIAL (${b.knownProblems} known problems)`;
  if (b.badBlobs > 0) return `FAILED (${b.badBlobs} damaged files)`;
  if (b.verified === null) return 'never';
  if (!b.verified) return 'FAILED';
  return b.knownProblems > 0 ? `yes, ${b.knownProblems} known problems` : 'yes';
}

function formatTable(backupsDir: string, backups: BackupListing[], damaged: DamagedBackup[]): string {
  const rows = backups.map((b) => [
    b.kind === 'safety' ? `${b.name} *` : b.name,
    formatUtc(b.createdAt).replace(' UTC', ''),
    formatBytes(b.sizeBytes),
    String(b.enrollments),
    String(b.files),
    b.engine,
    verdict(b),
  ]);
  const header = ['NAME', 'CREATED (UTC)', 'SIZE', 'ENROLLMENTS', 'FILES', 'ENGINE', 'VERIFIED'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i >= 2 && i <= 4 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const lines = [`Backups in ${backupsDir}, newest first:`, line(header), ...rows.map(line)];
  if (backups.some((b) => b.kind === 'safety')) {
    lines.push('* safety backup, taken automatically before a restore or a clear');
  }
  for (const d of damaged)
    lines.push(`DAMAGED: ${d.name}: ${d.problem} Its stored files are kept; \`byov prune\` removes none.`);
  return lines.join('\n');
}
