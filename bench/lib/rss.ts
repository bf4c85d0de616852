import { readFileSync } from 'node:fs';

/** Resident set size of a process, from /proc/<pid>/status (Linux); null elsewhere or when gone. */
export function rssBytes(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export interface RssTrace {
  /** Every sample, in bytes, in order. */
  samples: number[];
  startBytes: number;
  peakBytes: number;
  endBytes: number;
}

/**
 * Samples another process's RSS every `intervalMs` while `work` runs (plus one sample before and
 * one after), so a report can say where memory started, how high it went and where it ended.
 */
export async function traceRss<T>(
  pid: number | undefined,
  work: () => Promise<T>,
  intervalMs = 100,
): Promise<{ result: T; trace: RssTrace | null }> {
  const samples: number[] = [];
  const take = () => {
    const bytes = rssBytes(pid);
    if (bytes !== null) samples.push(bytes);
  };
  take();
  const timer = setInterval(take, intervalMs);
  try {
    const result = await work();
    take();
    if (samples.length === 0) return { result, trace: null };
    const trace = {
      samples,
      startBytes: samples[0] as number,
      peakBytes: Math.max(...samples),
      endBytes: samples[samples.length - 1] as number,
    };
    return { result, trace };
  } finally {
    clearInterval(timer);
  }
}

/** Median of a slice of the samples (by fraction of the run), to compare early and late memory. */
export function medianOf(samples: readonly number[], fromFraction: number, toFraction: number): number {
  const slice = samples.slice(Math.floor(samples.length * fromFraction), Math.ceil(samples.length * toFraction));
  const sorted = [...slice].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The median of each tenth of the samples, in order: the shape of a long run. */
export function mediansByTenth(samples: readonly number[]): number[] {
  return Array.from({ length: 10 }, (_, tenth) => medianOf(samples, tenth / 10, (tenth + 1) / 10));
}
