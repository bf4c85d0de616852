import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { AppError } from '../../../errors.js';
import type { Db } from '../../../storage/db.js';
import {
  type BackupJobRow,
  failAbandonedBackupJobs,
  findBackupJob,
  findRunningBackupJob,
  finishBackupJob,
  forgetOldBackupJobs,
  insertBackupJob,
} from '../../../storage/repositories/backup-job.repository.js';
import { acquireLease, releaseLease } from '../../../storage/repositories/job-lease.repository.js';
import { type ByovRunner, commandErrorMessage } from './byov-runner.js';

export interface BackupJobView {
  state: 'running' | 'succeeded' | 'failed';
  /** A short line for people; the CLI reports no finer progress to a child process. */
  progress?: string;
  message?: string;
  /** The new backup's name, once it succeeded. */
  name?: string;
}

/** Finished jobs are remembered this many at a time, for clients still polling them. */
const KEEP_FINISHED = 20;
/** Who runs "Back up now"; renewed while the backup runs, so a crashed instance's job lapses. */
const LEASE = 'backup-now';
const LEASE_MS = 5 * 60_000;
const RENEW_MS = 60_000;

/**
 * "Back up now" from the control center: `byov backup --json` in a child process, one at a
 * time across every instance (asking again while one runs returns that one). The job and its
 * state are kept in the database, so polling any instance behind a load balancer answers; a job
 * whose instance stopped heartbeating its lease is reported failed.
 */
export function createBackupJobs(deps: { db: Db; runByov: ByovRunner; now: () => Date }) {
  const db = deps.db.kysely;
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const shutdown = new AbortController();
  let running: Promise<void> | undefined;

  const leaseUntil = () => {
    const now = deps.now();
    return { name: LEASE, holder, now: now.toISOString(), expiresAt: new Date(now.getTime() + LEASE_MS).toISOString() };
  };

  const run = async (id: string) => {
    const renew = setInterval(() => void acquireLease(db, leaseUntil()).catch(() => undefined), RENEW_MS);
    let outcome: { state: 'succeeded' | 'failed'; message: string | null; name: string | null };
    try {
      const result = await deps.runByov(['backup', '--json'], shutdown.signal);
      const name = (result.json as { name?: unknown } | undefined)?.name;
      outcome =
        result.exitCode === 0 && typeof name === 'string'
          ? { state: 'succeeded', message: null, name }
          : {
              state: 'failed',
              message: commandErrorMessage(result.json) ?? 'The backup failed; the server log has the details.',
              name: null,
            };
    } catch {
      outcome = { state: 'failed', message: 'The backup could not be started.', name: null };
    } finally {
      clearInterval(renew);
    }
    await finishBackupJob(db, id, { ...outcome, at: deps.now().toISOString() });
    await releaseLease(db, LEASE, holder);
    await forgetOldBackupJobs(db, KEEP_FINISHED);
  };

  return {
    async start(): Promise<string> {
      if (!(await acquireLease(db, leaseUntil()))) {
        const current = await findRunningBackupJob(db);
        if (current) return current.id;
        throw new AppError('INVALID_TRANSITION', 'A backup is starting on another instance; try again in a moment.');
      }
      const existing = await findRunningBackupJob(db);
      if (existing && existing.instance_id === holder) return existing.id;
      const at = deps.now().toISOString();
      // Holding the lease, any other running job belongs to an instance that died mid-backup.
      await failAbandonedBackupJobs(db, holder, at);
      const id = randomUUID();
      await insertBackupJob(db, {
        id,
        state: 'running',
        message: null,
        name: null,
        instance_id: holder,
        started_at: at,
        updated_at: at,
      });
      running = run(id).finally(() => {
        running = undefined;
      });
      return id;
    },
    /** The job's state for polling, from any instance; NOT_FOUND once forgotten. */
    async get(id: string): Promise<BackupJobView> {
      const job = await findBackupJob(db, id);
      if (!job) throw new AppError('NOT_FOUND', 'No backup job has this id.');
      return present(job, deps.now(), await holderIsAlive(job));
    },
    /** Interrupts a running backup (the engine cleans up its partial folder) and waits for it. */
    async stop(): Promise<void> {
      shutdown.abort();
      await running?.catch(() => undefined);
    },
  };

  async function holderIsAlive(job: BackupJobRow): Promise<boolean> {
    if (job.state !== 'running') return true;
    const lease = await db.selectFrom('job_leases').selectAll().where('name', '=', LEASE).executeTakeFirst();
    return lease?.holder === job.instance_id && lease.expires_at > deps.now().toISOString();
  }
}

function present(job: BackupJobRow, now: Date, holderAlive: boolean): BackupJobView {
  if (job.state === 'running' && !holderAlive) {
    return { state: 'failed', message: 'The instance running this backup stopped before it finished.' };
  }
  if (job.state !== 'running') {
    return {
      state: job.state,
      ...(job.message ? { message: job.message } : {}),
      ...(job.name ? { name: job.name } : {}),
    };
  }
  const seconds = Math.round((now.getTime() - Date.parse(job.started_at)) / 1000);
  return { state: 'running', progress: `Backing up and verifying (${seconds} s so far)` };
}

export type BackupJobs = ReturnType<typeof createBackupJobs>;
