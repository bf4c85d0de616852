import type { RemoteBackupConfig } from '../config.js';
import type { Runtime } from '../runtime.js';
import type { Db } from '../storage/db.js';
import { listLiveInstances, type NewestBackup } from '../storage/repositories/instance.repository.js';
import { listBackups } from './list-backups.js';
import { readRemoteStatus } from './remote/remote-status.js';

export interface BackupHealth {
  /** `host`: the backup is on another instance's disk (several instances, see `elsewhere`). */
  lastVerified: { name: string; ageHours: number; knownProblems?: number; host?: string } | null;
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

/** A live instance's newest verified backup, as it publishes it with its heartbeat. */
export type BackupElsewhere = NewestBackup & { host: string };

/** `describeBackupHealth` of a runtime's own backups folder and remote, and of the other live instances. */
export async function describeRuntimeBackupHealth(
  runtime: Pick<Runtime, 'config' | 'db' | 'now'>,
  selfId?: string,
): Promise<BackupHealth> {
  const { config } = runtime;
  const now = runtime.now();
  const elsewhere = await backupsOfOtherInstances(runtime.db, now, selfId);
  return describeBackupHealth(config.paths.backups, now, config.backup.maxAgeHours, config.backup.remote, elsewhere);
}

/**
 * What the other live instances on this database publish (PostgreSQL; a SQLite server is alone).
 * An instance that stopped drops out with its heartbeat: its disk is not reachable either.
 */
export async function backupsOfOtherInstances(db: Db, now: Date, selfId?: string): Promise<BackupElsewhere[]> {
  if (db.engine !== 'postgres') return [];
  const live = await listLiveInstances(db.kysely, now.toISOString());
  return live.flatMap((i) => (i.id !== selfId && i.newestBackup ? [{ ...i.newestBackup, host: i.host }] : []));
}

/**
 * Local health, plus the off-machine copies when a remote is configured (from the local record of
 * copies). `elsewhere`: the newest backups of the other live instances on the same database; the
 * newest of all is the one reported, so that every instance gives the same answer.
 */
export async function describeBackupHealth(
  backupsDir: string,
  now: Date,
  maxAgeHours: number,
  remote?: RemoteBackupConfig,
  elsewhere: BackupElsewhere[] = [],
): Promise<BackupHealth> {
  const local = describeNewest(newestOf(await newestVerifiedBackup(backupsDir), elsewhere), now, maxAgeHours);
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
 * The newest backup in `backupsDir` that passed verification and restores something: a safety
 * backup of an empty database restores nothing, and a partial one lacks what could not be read.
 */
export async function newestVerifiedBackup(backupsDir: string): Promise<NewestBackup | null> {
  const newest = (await listBackups(backupsDir)).find(
    (b) => b.verified === true && !b.partial && !(b.kind === 'safety' && b.enrollments === 0),
  );
  return newest
    ? { name: newest.name, createdAt: newest.createdAt.toISOString(), knownProblems: newest.knownProblems }
    : null;
}

function newestOf(local: NewestBackup | null, elsewhere: BackupElsewhere[]): NewestBackup | BackupElsewhere | null {
  return [local, ...elsewhere].reduce<NewestBackup | BackupElsewhere | null>(
    (newest, b) => (b && (!newest || b.createdAt > newest.createdAt) ? b : newest),
    null,
  );
}

/**
 * The newest verified backup and how old it is, with a warning when there is none or it is older
 * than `maxAgeHours`: what `status` and `GET /health` report.
 */
function describeNewest(newest: NewestBackup | BackupElsewhere | null, now: Date, maxAgeHours: number): BackupHealth {
  if (!newest) return { lastVerified: null, warning: 'There is no verified backup yet. Run `byov backup`.' };
  const ageHours = hoursBetween(new Date(newest.createdAt), now);
  const lastVerified = {
    name: newest.name,
    ageHours,
    ...(newest.knownProblems > 0 ? { knownProblems: newest.knownProblems } : {}),
    ...('host' in newest ? { host: newest.host } : {}),
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
