import { listBackups } from './list-backups.js';

export interface BackupHealth {
  lastVerified: { name: string; ageHours: number; knownProblems?: number } | null;
  warning?: string;
}

/**
 * The newest backup that passed verification and how old it is, with a warning when there is
 * none or it is older than `maxAgeHours`: what `status` and `GET /health` report.
 */
export async function describeBackupHealth(backupsDir: string, now: Date, maxAgeHours: number): Promise<BackupHealth> {
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
