import { AppError } from '../errors.js';

const GUESS_WINDOW_MS = 15 * 60 * 1000;
const MAX_MISSES_PER_WINDOW = 20;

/**
 * Refuses, for a while, an address that keeps presenting unknown resume codes. A technician
 * mistypes a code a few times at most; a script guessing codes is stopped long before the
 * 2^50 possibilities matter. In memory: a restart forgets, which costs a guesser nothing it
 * could use.
 */
export class GuessGuard {
  private readonly misses = new Map<string, { count: number; since: number }>();

  constructor(private readonly now: () => Date) {}

  check(ip: string): void {
    const entry = this.current(ip);
    if (entry && entry.count >= MAX_MISSES_PER_WINDOW) {
      throw new AppError(
        'RATE_LIMITED',
        'Too many unknown resume codes from this address. Check the code and try again in 15 minutes.',
      );
    }
  }

  recordMiss(ip: string): void {
    const entry = this.current(ip);
    if (entry) entry.count += 1;
    else this.misses.set(ip, { count: 1, since: this.now().getTime() });
    if (this.misses.size > 10_000) this.prune();
  }

  private current(ip: string) {
    const entry = this.misses.get(ip);
    if (entry && this.now().getTime() - entry.since > GUESS_WINDOW_MS) {
      this.misses.delete(ip);
      return undefined;
    }
    return entry;
  }

  private prune(): void {
    const cutoff = this.now().getTime() - GUESS_WINDOW_MS;
    for (const [ip, entry] of this.misses) if (entry.since < cutoff) this.misses.delete(ip);
  }
}
