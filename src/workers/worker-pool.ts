import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { AppError } from '../errors.js';
import type { TaskInput, TaskName, TaskOutput } from './tasks.js';
import { threadEntry } from './thread-entry.js';
import type { WarmUpInput } from './warm-up.js';

/**
 * A small pool of worker threads for CPU-heavy work (image checks and signed PDFs; new work
 * joins by adding a task to tasks.ts), so that no request can hold the event loop that
 * answers every other request. Each job has a time limit: a job over it has its thread
 * terminated (the only way to stop CPU work) and the caller gets WORK_TIMED_OUT. A bounded
 * queue refuses new work with BUSY instead of growing without end.
 */
export interface WorkerPool {
  run<N extends TaskName>(task: N, input: TaskInput<N>, options: { timeoutMs: number }): Promise<TaskOutput<N>>;
  /** Jobs running or queued right now. */
  readonly pending: number;
  /** Threads started and not stopped. */
  readonly threads: number;
  close(): Promise<void>;
}

export interface WorkerPoolOptions {
  /** Worker threads; sharp inside each also uses libuv's pool, so keep this small. */
  threads: number;
  /** Jobs waiting for a thread before new ones are refused (BUSY). */
  maxQueue: number;
  /**
   * Given (the server), every thread starts at once, prepares for these before taking work, and
   * stays: a thread stopped over a time limit is replaced, warm again. Omitted (tests), threads
   * start on demand and stop after 30 s idle.
   */
  warmUp?: WarmUpInput;
}

export class WorkTimedOutError extends Error {
  constructor(readonly task: string) {
    super(`${task} took too long`);
    this.name = 'WorkTimedOutError';
  }
}

/** One thread per spare core, at least one and at most two. */
export function defaultWorkerThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism() - 1));
}

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const piscina = new Piscina({
    ...workerEntry(),
    minThreads: options.warmUp ? options.threads : 0,
    maxThreads: options.threads,
    maxQueue: options.maxQueue,
    idleTimeout: options.warmUp ? Number.POSITIVE_INFINITY : 30_000,
    workerData: options.warmUp,
    // A job runs alone in its thread, so its time limit is its own.
    concurrentTasksPerWorker: 1,
  });
  // At most `threads` jobs are handed to piscina at once; the rest wait here, in order. The time
  // limit is for the work, not the wait: a job's clock starts when it gets a thread, so a burst
  // of uploads queued behind each other on a busy machine is not refused as "took too long".
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = async (): Promise<void> => {
    if (running < options.threads) {
      running += 1;
      return;
    }
    if (waiting.length >= options.maxQueue) throw busy();
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    // The slot passes straight to the next job, so `running` stays the same.
    if (next) next();
    else running -= 1;
  };
  return {
    get pending() {
      return running + waiting.length;
    },
    get threads() {
      return piscina.threads.length;
    },
    async run(task, input, { timeoutMs }) {
      await acquire();
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(new WorkTimedOutError(task)), timeoutMs);
      try {
        return await piscina.run({ task, input }, { signal: abort.signal });
      } catch (error) {
        if (abort.signal.aborted) throw new WorkTimedOutError(task);
        if (error instanceof Error && /queue is at limit/i.test(error.message)) throw busy();
        throw error;
      } finally {
        clearTimeout(timer);
        release();
      }
    },
    close: () => piscina.destroy(),
  };
}

function busy(): AppError {
  return new AppError('RATE_LIMITED', 'The server is busy checking other uploads. Try again in a minute.');
}

function workerEntry(): { filename: string; execArgv?: string[] } {
  return threadEntry(import.meta.url, 'worker');
}
