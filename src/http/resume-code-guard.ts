import { countRequest, readRequestCount } from '../domain/limits/request-counts.js';
import { AppError } from '../errors.js';
import type { Db } from '../storage/db.js';

const GUESS_WINDOW_MS = 15 * 60 * 1000;
const MAX_MISSES_PER_WINDOW = 20;

/**
 * Refuses, for a while, an address that keeps presenting unknown resume codes. A technician
 * mistypes a code a few times at most; a script guessing codes is stopped long before the
 * 2^50 possibilities matter. The misses are counted in the database, so spreading guesses over
 * the instances behind a load balancer gains a guesser nothing.
 */
export class GuessGuard {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  async check(ip: string): Promise<void> {
    const misses = await readRequestCount(this.db, key(ip), this.now());
    if (misses && misses.hits >= MAX_MISSES_PER_WINDOW) {
      throw new AppError(
        'RATE_LIMITED',
        'Too many unknown resume codes from this address. Check the code and try again in 15 minutes.',
      );
    }
  }

  async recordMiss(ip: string): Promise<void> {
    await countRequest(this.db, key(ip), this.now(), GUESS_WINDOW_MS);
  }
}

function key(ip: string): string {
  return `resume-code-miss|${ip}`;
}
