/**
 * Progress of long backup work, reported step by step. `label` is shown to people as is (it never
 * holds personal data); a step starts with `done = 0` and ends with `done === total`.
 */
export interface ProgressEvent {
  label: string;
  done: number;
  total: number;
  unit: 'bytes' | 'steps';
}

export type OnProgress = (event: ProgressEvent) => void;

/** Reports one step's start and end around `work`, so every listener sees a finished step. */
export async function step<T>(
  onProgress: OnProgress | undefined,
  label: string,
  work: (advance: (amount: number) => void) => Promise<T>,
  options: { total?: number; unit?: ProgressEvent['unit'] } = {},
): Promise<T> {
  const total = options.total ?? 1;
  const unit = options.unit ?? 'steps';
  let done = 0;
  onProgress?.({ label, done, total, unit });
  const result = await work((amount) => {
    // Totals are estimates (sizes recorded in rows); never report past the end before the end.
    done = Math.min(total, done + amount);
    if (done < total) onProgress?.({ label, done, total, unit });
  });
  onProgress?.({ label, done: total, total, unit });
  return result;
}

/** Prefixes every label, e.g. "Safety backup › Files", for work nested inside another command. */
export function nestedProgress(onProgress: OnProgress | undefined, prefix: string): OnProgress | undefined {
  return onProgress && ((event) => onProgress({ ...event, label: `${prefix} › ${event.label}` }));
}
