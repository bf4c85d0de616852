import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryOptions {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** Wait before the second try; it doubles before each later one. */
  readonly baseDelayMs: number;
  readonly onRetry?: (attempt: number, error: unknown) => void;
}

export const REMOTE_RETRY: RetryOptions = { attempts: 5, baseDelayMs: 500 };

/** Runs `work` until it succeeds or the tries are used up; then the last error is thrown. */
export async function withRetry<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= options.attempts) throw error;
      options.onRetry?.(attempt, error);
      await sleep(options.baseDelayMs * 2 ** (attempt - 1));
    }
  }
}
