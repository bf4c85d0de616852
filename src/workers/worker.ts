import { workerData } from 'node:worker_threads';
import { TASKS, type TaskName } from './tasks.js';
import { type WarmUpInput, warmUpThread } from './warm-up.js';

// Starts as the thread does. Not awaited at the top level: the pool also loads this module
// through `require` (tests run it from the TypeScript sources), which refuses top-level await.
const warm = warmUpThread(workerData as WarmUpInput | undefined);

/** The entry point of a pool thread: runs one named task, once the thread is warm. */
export default async function runTask({ task, input }: { task: TaskName; input: never }): Promise<unknown> {
  const run = TASKS[task] as (input: never) => Promise<unknown>;
  if (typeof run !== 'function') throw new Error(`unknown task ${String(task)}`);
  await warm;
  return run(input);
}
