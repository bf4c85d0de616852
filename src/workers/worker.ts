import { TASKS, type TaskName } from './tasks.js';

/** The entry point of a pool thread: runs one named task. */
export default function runTask({ task, input }: { task: TaskName; input: never }): Promise<unknown> {
  const run = TASKS[task] as (input: never) => Promise<unknown>;
  if (typeof run !== 'function') throw new Error(`unknown task ${String(task)}`);
  return run(input);
}
