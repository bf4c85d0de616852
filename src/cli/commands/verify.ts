import type { Command } from 'commander';
import { openBlobStore } from '../../backup/blob-store.js';
import type { KnownProblem } from '../../backup/manifest.js';
import { resolveBackup } from '../../backup/resolve-backup.js';
import { describeRow } from '../../backup/snapshot-contents.js';
import { type VerificationReport, verifyBackup } from '../../backup/verify-backup.js';
import { openFileStore } from '../../runtime.js';

import { EXIT_FAILED, runCommand } from '../run-command.js';
import { createTerminalProgress } from '../terminal-progress.js';
import { verifyRemote } from './remote.js';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('check a backup: checksums, a test open (integrity, foreign keys), row counts and every file hash')
    .argument('<backup>', 'a backup name (as `byov list` shows it, with or without an extension) or a path')
    .option('--remote', 'verify a backup in BACKUP_REMOTE: download, decrypt and check everything')
    .option('--identity <file>', 'the age identity file that opens encrypted remote backups')
    .option('--json', 'print the result as JSON')
    .action(
      runCommand(async ({ config, json }, reference: string, options: { remote?: boolean; identity?: string }) => {
        if (options.remote) return verifyRemote({ config, json }, reference, options.identity);
        const paths = config.paths;
        const source = await resolveBackup(paths.backups, reference);
        const progress = createTerminalProgress({ quiet: json });
        const liveFiles = await openFileStore(config);
        try {
          const report = await verifyBackup(source, {
            dataDir: config.dataDir,
            // Read-only use of the stores: only a database without a manifest looks for its files there.
            liveFiles,
            blobs: openBlobStore(paths.backups),
            onProgress: progress.onProgress,
          });
          progress.stop();
          console.log(json ? JSON.stringify(toJson(source.name, report), null, 2) : formatReport(source.name, report));
          return report.ok ? 0 : EXIT_FAILED;
        } finally {
          progress.stop();
          liveFiles.close?.();
        }
      }),
    );
}

function toJson(name: string, report: VerificationReport) {
  return {
    name,
    ok: report.ok,
    problems: report.problems,
    missingFiles: report.missingFiles,
    knownProblems: report.knownProblems,
    verifiedAt: report.verifiedAt,
    schemaVersion: report.contents?.schemaVersion ?? null,
    tables: report.contents?.tables ?? null,
    files: report.contents?.files.length ?? null,
  };
}

function formatReport(name: string, report: VerificationReport): string {
  if (!report.ok) {
    const count = report.problems.length;
    return [
      `${name} FAILED verification (${count} problem${count === 1 ? '' : 's'}):`,
      ...bullets(report.problems),
    ].join('\n');
  }
  const contents = report.contents;
  const lines = [
    `${name} is OK: integrity_check ok, no broken foreign keys, ` +
      `${contents?.tables.enrollments ?? 0} enrollments, ${contents?.files.length ?? 0} files checked by hash.`,
  ];
  if (report.knownProblems.length > 0) {
    lines.push(
      `Verified with ${report.knownProblems.length} known problem(s): it restores everything except these files, ` +
        'which were missing or damaged when it was taken:',
      ...bullets(report.knownProblems.map(describeKnownProblem)),
    );
  }
  if (report.missingFiles.length > 0) {
    lines.push(
      `WARNING: ${report.missingFiles.length} file(s) its rows name are in neither data/files nor the backup blob store:`,
      ...bullets(report.missingFiles.map((f) => `${describeRow(f)}: file ${f.storageKey}`)),
    );
  }
  return lines.join('\n');
}

export function describeKnownProblem(p: KnownProblem): string {
  return `${describeRow(p.row)}: file ${p.sha256} (${p.problem})`;
}

export function bullets(items: string[]): string[] {
  return items.map((item) => `  - ${item}`);
}
