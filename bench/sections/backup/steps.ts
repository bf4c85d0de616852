/**
 * Times the product's backup and restore in this process, step by step: the engine reports
 * each step's start and end through `onProgress`, which tells where the time goes (snapshot,
 * file copies, the verification's test open and file hashes).
 */
import type { BackupSummary } from '../../../src/backup/create-backup.js';
import type { OnProgress } from '../../../src/backup/progress.js';
import type { BackupSource } from '../../../src/backup/resolve-backup.js';
import type { RestoreSummary } from '../../../src/backup/restore-backup.js';
import type { Config } from '../../../src/config.js';
import type { Runtime } from '../../../src/runtime.js';
import { round } from '../../lib/stats.js';
import type { BuiltBackupEngine } from './product.js';

export interface StepTiming {
  label: string;
  seconds: number;
}

export interface Timed<T> {
  result: T;
  seconds: number;
  /** Steps in the order they started; time outside them is listed as "(between steps)". */
  steps: StepTiming[];
}

function stepRecorder() {
  const spans = new Map<string, { start: number; end: number }>();
  const onProgress: OnProgress = (event) => {
    const now = performance.now();
    const span = spans.get(event.label);
    if (!span) spans.set(event.label, { start: now, end: now });
    else span.end = now;
  };
  const finish = (totalMs: number): StepTiming[] => {
    const steps = [...spans].map(([label, s]) => ({ label, seconds: round((s.end - s.start) / 1000, 2) }));
    const inSteps = [...spans.values()].reduce((sum, s) => sum + (s.end - s.start), 0);
    steps.push({ label: '(between steps)', seconds: round((totalMs - inSteps) / 1000, 2) });
    return steps;
  };
  return { onProgress, finish };
}

async function timed<T>(work: (onProgress: OnProgress) => Promise<T>): Promise<Timed<T>> {
  const recorder = stepRecorder();
  const started = performance.now();
  const result = await work(recorder.onProgress);
  const ms = performance.now() - started;
  return { result, seconds: ms / 1000, steps: recorder.finish(ms) };
}

export function timedBackup(engine: BuiltBackupEngine, runtime: Runtime): Promise<Timed<BackupSummary>> {
  return timed((onProgress) => engine.createBackup(runtime, { kind: 'manual', onProgress }));
}

export function timedRestore(
  engine: BuiltBackupEngine,
  config: Config,
  source: BackupSource,
): Promise<Timed<RestoreSummary>> {
  return timed((onProgress) => engine.restoreBackup(config, source, { onProgress }));
}

/** The seconds of one step, 0 when it did not run. */
export function stepSeconds(timed: Timed<unknown>, label: string): number {
  return timed.steps.find((s) => s.label === label)?.seconds ?? 0;
}
