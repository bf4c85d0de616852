import { checkImage } from '../files/check-image.js';
import { generateSignedPolicyPdf } from '../pdf/generate-signed-policy-pdf.js';

/**
 * The work a pool thread can do, by name. Each task takes and returns plain data (it crosses a
 * thread boundary by structured clone) and reports expected failures in its result, not by
 * throwing: an error class does not survive the crossing.
 */
export const TASKS = {
  'check-image': checkImage,
  'signed-policy-pdf': generateSignedPolicyPdf,
} as const;

export type TaskName = keyof typeof TASKS;

/**
 * Tasks whose work libvips does on libuv's threads. Terminating a pool thread does not stop that
 * work (the termination waits for it), so these stop themselves at their time limit (libvips'
 * own timeout) and run without an abort signal. piscina never gives a thread running a job it
 * may abort another one, so only these let a thread take a second job while a decode runs.
 */
export const TASKS_THAT_STOP_THEMSELVES: ReadonlySet<TaskName> = new Set(['check-image']);
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskOutput<N extends TaskName> = Awaited<ReturnType<(typeof TASKS)[N]>>;
