import { AppError } from '../../../errors.js';
import { type ByovRunner, commandErrorMessage } from './byov-runner.js';
import { findBackup } from './find-backup.js';

/**
 * Re-verifies a backup end to end (`byov verify`, in a child process: it opens a copy of the
 * database and hashes every file) and records the outcome in the backup; answers when done.
 */
export async function verifyBackupNow(deps: { backupsDir: string; runByov: ByovRunner }, name: string) {
  const listing = await findBackup(deps.backupsDir, name);
  const result = await deps.runByov(['verify', listing.name, '--json'], new AbortController().signal);
  const report = result.json as { ok?: unknown; problems?: unknown } | undefined;
  if (typeof report?.ok !== 'boolean' || !Array.isArray(report.problems)) {
    throw new AppError('INTERNAL', commandErrorMessage(result.json) ?? 'The verification could not run.');
  }
  return { ok: report.ok, problems: report.problems as string[] };
}
