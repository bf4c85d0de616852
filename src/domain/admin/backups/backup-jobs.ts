import { randomUUID } from 'node:crypto';
import { AppError } from '../../../errors.js';
import { type ByovRunner, commandErrorMessage } from './byov-runner.js';

export interface BackupJobView {
  state: 'running' | 'succeeded' | 'failed';
  /** A short line for people; the CLI reports no finer progress to a child process. */
  progress?: string;
  message?: string;
  /** The new backup's name, once it succeeded. */
  name?: string;
}

interface Job extends BackupJobView {
  id: string;
  startedAt: number;
  done: Promise<void>;
}

/** Finished jobs are remembered this many at a time, for clients still polling them. */
const KEEP_FINISHED = 20;

/**
 * "Back up now" from the control center: `byov backup --json` in a child process, one at a
 * time (asking again while one runs returns that one), tracked in memory for polling.
 */
export function createBackupJobs(runByov: ByovRunner, now: () => number = Date.now) {
  const jobs = new Map<string, Job>();
  const shutdown = new AbortController();
  let running: Job | undefined;

  const run = async (job: Job) => {
    try {
      const result = await runByov(['backup', '--json'], shutdown.signal);
      const name = (result.json as { name?: unknown } | undefined)?.name;
      if (result.exitCode === 0 && typeof name === 'string') Object.assign(job, { state: 'succeeded', name });
      else {
        const message = commandErrorMessage(result.json) ?? 'The backup failed; the server log has the details.';
        Object.assign(job, { state: 'failed', message });
      }
    } catch {
      Object.assign(job, { state: 'failed', message: 'The backup could not be started.' });
    } finally {
      running = undefined;
      forgetOldJobs(jobs);
    }
  };

  return {
    start(): string {
      if (running) return running.id;
      const job: Job = { id: randomUUID(), state: 'running', startedAt: now(), done: Promise.resolve() };
      jobs.set(job.id, job);
      running = job;
      job.done = run(job);
      return job.id;
    },
    /** The job's state for polling; NOT_FOUND once forgotten (or after a restart). */
    get(id: string): BackupJobView {
      const job = jobs.get(id);
      if (!job) throw new AppError('NOT_FOUND', 'No backup job has this id (the server may have restarted).');
      const { state, message, name } = job;
      if (state !== 'running') return { state, ...(message ? { message } : {}), ...(name ? { name } : {}) };
      const seconds = Math.round((now() - job.startedAt) / 1000);
      return { state, progress: `Backing up and verifying (${seconds} s so far)` };
    },
    /** Interrupts a running backup (the engine cleans up its partial folder) and waits for it. */
    async stop(): Promise<void> {
      shutdown.abort();
      await running?.done;
    },
  };
}

export type BackupJobs = ReturnType<typeof createBackupJobs>;

function forgetOldJobs(jobs: Map<string, Job>): void {
  const finished = [...jobs.values()].filter((j) => j.state !== 'running');
  for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(job.id);
}
