import type { FastifyRateLimitStore } from '@fastify/rate-limit';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Keys kept per route before windows that have ended are dropped. */
const PRUNE_ABOVE = 10_000;

/**
 * Fixed-window request counts per key, held in this process, for @fastify/rate-limit. Each call
 * answers with the count as it stood right after its own increment. The plugin's default store
 * hands back the counter object itself and reads it only after an await, so in a burst every
 * request saw the burst's final count and all were refused, the allowed ones included.
 */
export class SnapshotRateLimitStore implements FastifyRateLimitStore {
  private readonly windows = new Map<string, { count: number; startedAt: number }>();

  incr(key: string, callback: Callback, timeWindow: number): void {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.startedAt + timeWindow <= now) {
      window = { count: 0, startedAt: now };
      this.windows.set(key, window);
      if (this.windows.size > PRUNE_ABOVE) this.prune(now, timeWindow);
    }
    window.count += 1;
    callback(null, { current: window.count, ttl: window.startedAt + timeWindow - now });
  }

  read(key: string, callback: Callback, timeWindow: number): void {
    const now = Date.now();
    const window = this.windows.get(key);
    if (!window || window.startedAt + timeWindow <= now) callback(null, { current: 0, ttl: 0 });
    else callback(null, { current: window.count, ttl: window.startedAt + timeWindow - now });
  }

  /** Each route counts on its own, as with the plugin's default store. */
  child(): SnapshotRateLimitStore {
    return new SnapshotRateLimitStore();
  }

  private prune(now: number, timeWindow: number): void {
    for (const [key, window] of this.windows) if (window.startedAt + timeWindow <= now) this.windows.delete(key);
  }
}
