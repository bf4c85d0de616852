import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { AppError } from '../errors.js';
import { TASKS_THAT_STOP_THEMSELVES, type TaskInput, type TaskName, type TaskOutput } from './tasks.js';
import { threadEntry } from './thread-entry.js';
import type { WarmUpInput } from './warm-up.js';

/**
 * A small pool of worker threads for CPU-heavy work (image checks and signed PDFs; new work
 * joins by adding a task to tasks.ts), so that no request can hold the event loop that
 * answers every other request. Each job has a time limit: a job over it has its thread
 * terminated (the only way to stop CPU work in JavaScript) and the caller gets WORK_TIMED_OUT.
 * piscina starts a job it may abort only on an idle thread, so no other job is stopped with it.
 * A bounded queue refuses new work with BUSY instead of growing without end.
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

/**
 * Jobs one thread runs at once. An image check mostly waits while libvips decodes on libuv's
 * threads, so a thread takes a second check meanwhile (a signed PDF, which may be stopped, runs
 * alone; see tasks.ts). With one job per thread, the thread idled through every decode and at
 * 8 clients the pool, not the cores, set the pace: a quarter of the CPU stayed idle. Not more
 * than two, so that decodes never take all four of libuv's threads from file writes and fsyncs.
 */
const JOBS_PER_THREAD = 2;

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
    concurrentTasksPerWorker: JOBS_PER_THREAD,
  });
  // At most that many jobs are handed to piscina at once; the rest wait here, in order. The time
  // limit is for the work, not the wait: a job's clock starts when it gets a thread, so a burst
  // of uploads queued behind each other on a busy machine is not refused as "took too long".
  const slots = options.threads * JOBS_PER_THREAD;
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = async (): Promise<void> => {
    if (running < slots) {
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
      const job = startJob(piscina, task, input, timeoutMs);
      // The slot is free once the work has ended, which for a job that stops itself can be
      // after its caller was told it took too long.
      void job.ended.then(release);
      return (await job.answer) as TaskOutput<typeof task>;
    },
    close: () => piscina.destroy(),
  };
}

interface StartedJob {
  /** The result, or WorkTimedOutError at the time limit. */
  answer: Promise<unknown>;
  /** Settles when the work has stopped, whatever the answer was. */
  ended: Promise<void>;
}

function startJob(piscina: Piscina, task: TaskName, input: unknown, timeoutMs: number): StartedJob {
  const stopsItself = TASKS_THAT_STOP_THEMSELVES.has(task);
  const abort = new AbortController();
  const work = piscina.run({ task, input }, stopsItself ? {} : { signal: abort.signal });
  let timer: NodeJS.Timeout | undefined;
  const overTime = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new WorkTimedOutError(task));
      if (!stopsItself) abort.abort(new WorkTimedOutError(task));
    }, timeoutMs);
  });
  const answer = Promise.race([work, overTime])
    .catch((error) => {
      if (error instanceof WorkTimedOutError || abort.signal.aborted) throw new WorkTimedOutError(task);
      if (error instanceof Error && /queue is at limit/i.test(error.message)) throw busy();
      throw error;
    })
    .finally(() => clearTimeout(timer));
  // An aborted job's work has ended when piscina has rejected it (its thread is being stopped).
  return { answer, ended: work.then(noop, noop) };
}

function noop(): void {}

function busy(): AppError {
  return new AppError('RATE_LIMITED', 'The server is busy checking other uploads. Try again in a minute.');
}

function workerEntry(): { filename: string; execArgv?: string[] } {
  return threadEntry(import.meta.url, 'worker');
}
