/**
 * The `--remote` variants of list, verify, restore and prune: the same commands, pointed at the
 * off-machine copies (BACKUP_REMOTE) instead of data/backups.
 */

import { pruneBackups } from '../../backup/prune-backups.js';
import { listRemoteBackups, type RemoteListing } from '../../backup/remote/list-remote-backups.js';
import { readIdentityFile } from '../../backup/remote/remote-crypto.js';
import { remotePruneStore } from '../../backup/remote/remote-prune-store.js';
import { openConfiguredRemote } from '../../backup/remote/remote-target.js';
import { restoreRemoteBackup } from '../../backup/remote/restore-remote-backup.js';
import { type RemoteVerificationReport, verifyRemoteBackup } from '../../backup/remote/verify-remote-backup.js';
import { describeDatabase } from '../../config.js';
import type { CommandContext } from '../run-command.js';
import { EXIT_FAILED, formatBytes } from '../run-command.js';
import { confirmOnTerminal, createTerminalProgress, formatUtc } from '../terminal-progress.js';
import { formatPruneReport, retentionPolicyOf } from './prune.js';
import { bullets } from './verify.js';

async function identitiesFrom(file: string | undefined): Promise<string[] | null> {
  return file ? readIdentityFile(file) : null;
}

export async function listRemote({ config, json }: CommandContext): Promise<number> {
  const { remote, target } = openConfiguredRemote(config);
  try {
    const listing = await listRemoteBackups(target);
    console.log(
      json ? JSON.stringify({ remote: remote.url, ...listing }, null, 2) : formatListing(remote.url, listing),
    );
    return 0;
  } finally {
    target.close();
  }
}

function formatListing(url: string, listing: RemoteListing): string {
  if (listing.backups.length === 0 && listing.damaged.length === 0) return `No backups in ${url} yet.`;
  const lines = [`Backups in ${url}, newest first:`];
  for (const b of listing.backups) {
    const sealed = b.encrypted ? 'encrypted' : 'NOT encrypted';
    lines.push(
      `  ${b.name.padEnd(32)} ${b.kind.padEnd(9)} ${formatUtc(new Date(b.createdAt))}  ${formatBytes(b.bytes).padStart(10)}  ${sealed}`,
    );
  }
  for (const d of listing.damaged) lines.push(`  ${d.name.padEnd(32)} DAMAGED: ${d.problem}`);
  return lines.join('\n');
}

export async function verifyRemote(
  { config, json }: CommandContext,
  reference: string,
  identityFile: string | undefined,
): Promise<number> {
  const identities = await identitiesFrom(identityFile);
  const progress = createTerminalProgress({ quiet: json });
  try {
    const report = await verifyRemoteBackup(config, reference, identities, progress.onProgress);
    progress.stop();
    console.log(json ? JSON.stringify(remoteReportJson(report), null, 2) : formatRemoteReport(report));
    return report.ok ? 0 : EXIT_FAILED;
  } finally {
    progress.stop();
  }
}

function remoteReportJson(r: RemoteVerificationReport) {
  return {
    name: r.name,
    remote: r.remote,
    ok: r.ok,
    problems: r.problems,
    tables: r.local?.contents?.tables ?? null,
    files: r.local?.contents?.files.length ?? null,
    knownProblems: r.local?.knownProblems ?? [],
  };
}

function formatRemoteReport(r: RemoteVerificationReport): string {
  if (!r.ok) {
    return [
      `${r.name} in ${r.remote} FAILED verification (${r.problems.length} problem(s)):`,
      ...bullets(r.problems),
    ].join('\n');
  }
  const contents = r.local?.contents;
  return (
    `${r.name} in ${r.remote} is OK: every object downloaded and opened, integrity_check ok, ` +
    `${contents?.tables.enrollments ?? 0} enrollments, ${contents?.files.length ?? 0} files checked by hash.`
  );
}

export async function restoreRemote(
  { config, json }: CommandContext,
  reference: string,
  options: { identity?: string; yes?: boolean },
): Promise<number> {
  const identities = await identitiesFrom(options.identity);
  await confirmOnTerminal({
    yes: options.yes === true,
    word: 'yes',
    warning:
      `This replaces ALL current data in ${describeDatabase(config.database)} and its files with backup ` +
      `"${reference}" from ${config.backup.remote?.url ?? 'the remote'}. A safety backup of the current data is taken first.`,
  });
  const progress = createTerminalProgress({ quiet: json });
  try {
    const summary = await restoreRemoteBackup(config, reference, identities, progress.onProgress);
    progress.stop();
    console.log(
      json
        ? JSON.stringify(summary, null, 2)
        : [
            `Restored ${summary.source} into the ${summary.engine} database.`,
            `  Enrollments:    ${summary.enrollments}`,
            `  Documents:      ${summary.documents}`,
            `  Files restored: ${summary.files.copied} copied, ${summary.files.alreadyPresent} already present`,
            `  Safety backup of the previous data: ${summary.safetyBackup}`,
            ...(summary.missingFiles.length > 0
              ? [`WARNING: ${summary.missingFiles.length} file(s) named by the restored rows could not be put back.`]
              : []),
          ].join('\n'),
    );
    return 0;
  } finally {
    progress.stop();
  }
}

export async function pruneRemote({ config, json }: CommandContext, dryRun: boolean): Promise<number> {
  const { target } = openConfiguredRemote(config);
  try {
    const report = await pruneBackups(remotePruneStore(target), {
      policy: retentionPolicyOf(config),
      now: new Date(),
      dryRun,
      onProgress: json ? undefined : (line) => console.error(line),
    });
    console.log(json ? JSON.stringify(report, null, 2) : formatPruneReport(report));
    return 0;
  } finally {
    target.close();
  }
}
