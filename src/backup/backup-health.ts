import type { RemoteBackupConfig } from '../config.js';
import { listBackups } from './list-backups.js';
import { readRemoteStatus } from './remote/remote-status.js';

export interface BackupHealth {
  lastVerified: { name: string; ageHours: number; knownProblems?: number } | null;
  warning?: string;
  /** With BACKUP_REMOTE: the newest backup copied off the machine, and the last failed copy. */
  offMachine?: {
    remote: string;
    encrypted: boolean;
    lastCopy: { name: string; ageHours: number; copiedAt: string } | null;
    lastFailure?: { name: string; at: string; message: string };
    warning?: string;
  };
}

/** Local health, plus the off-machine copies when a remote is configured (from the local record of copies). */
export async function describeBackupHealth(
  backupsDir: string,
  now: Date,
  maxAgeHours: number,
  remote?: RemoteBackupConfig,
): Promise<BackupHealth> {
  const local = await describeLocalHealth(backupsDir, now, maxAgeHours);
  if (!remote) return local;
  const status = await readRemoteStatus(backupsDir);
  const copy = status.lastCopy;
  const ageHours = copy ? hoursBetween(new Date(copy.createdAt), now) : null;
  const lastCopy = copy && ageHours !== null ? { name: copy.name, ageHours, copiedAt: copy.copiedAt } : null;
  const failed =
    status.lastFailure && (!copy || status.lastFailure.at > copy.copiedAt) ? status.lastFailure : undefined;
  const warning = failed
    ? `The last off-machine copy failed: ${failed.message}`
    : !lastCopy
      ? `No backup has been copied to ${remote.url} yet. Run \`byov backup\`.`
      : lastCopy.ageHours > remote.maxAgeHours
        ? `The newest off-machine backup is ${lastCopy.ageHours} hours old (more than ${remote.maxAgeHours}).`
        : undefined;
  return {
    ...local,
    ...(local.warning || warning ? { warning: [local.warning, warning].filter(Boolean).join(' ') } : {}),
    offMachine: {
      remote: remote.url,
      encrypted: remote.encryptTo.length > 0,
      lastCopy,
      ...(failed ? { lastFailure: failed } : {}),
      ...(warning ? { warning } : {}),
    },
  };
}

function hoursBetween(from: Date, to: Date): number {
  return Math.round(((to.getTime() - from.getTime()) / 3_600_000) * 10) / 10;
}

/**
 * The newest backup that passed verification and how old it is, with a warning when there is
 * none or it is older than `maxAgeHours`: what `status` and `GET /health` report.
 */
async function describeLocalHealth(backupsDir: string, now: Date, maxAgeHours: number): Promise<BackupHealth> {
  // A safety backup of an empty database restores nothing; a partial one lacks what could not be read.
  const newest = (await listBackups(backupsDir)).find(
    (b) => b.verified === true && !b.partial && !(b.kind === 'safety' && b.enrollments === 0),
  );
  if (!newest) return { lastVerified: null, warning: 'There is no verified backup yet. Run `byov backup`.' };
  const ageHours = Math.round(((now.getTime() - newest.createdAt.getTime()) / 3_600_000) * 10) / 10;
  const lastVerified = {
    name: newest.name,
    ageHours,
    ...(newest.knownProblems > 0 ? { knownProblems: newest.knownProblems } : {}),
  };
  if (newest.knownProblems > 0) {
    return {
      lastVerified,
      warning:
        `The last verified backup, ${newest.name}, has ${newest.knownProblems} known problem(s): files that were ` +
        'missing or damaged when it was taken. Run `byov check` and `byov repair`.',
    };
  }
  if (ageHours <= maxAgeHours) return { lastVerified };
  return {
    lastVerified,
    warning: `The last verified backup is ${ageHours} hours old (more than ${maxAgeHours}). Run \`byov backup\` and check the backup schedule.`,
  };
}
