import type { Kysely } from 'kysely';
import { AppError } from '../../errors.js';
import type { Database } from '../../storage/database.js';
import type { Db } from '../../storage/db.js';
import {
  blockKey,
  claimAttemptOnKey,
  forgetKey,
  releaseAttemptOnKey,
} from '../../storage/repositories/login-throttle.repository.js';
import { blockAfterFailures, describeWait, FORGET_FAILURES_AFTER_MS, type ThrottleRule } from './login-throttle.js';

export interface ThrottleKey {
  hash: string;
  rule: ThrottleRule;
}

interface ClaimedKey extends ThrottleKey {
  blockBefore: string | null;
  blockSet: string | null;
}

export interface ClaimedAttempt {
  keys: ClaimedKey[];
}

/**
 * Claims a sign-in attempt before the password is looked at: in one transaction, every key
 * (email, address) must be free of a block, and the attempt is counted as a failure in advance,
 * imposing the next delay or lock at once. Concurrent attempts are thereby counted one by one:
 * a burst of N wrong passwords counts N, and once a key is blocked the rest of the burst,
 * the right password included, is refused without being checked. A refused attempt rolls back
 * and counts nothing.
 */
export async function claimSignInAttempt(db: Db, keys: ThrottleKey[], now: Date): Promise<ClaimedAttempt> {
  const timestamp = now.toISOString();
  const forgetBefore = new Date(now.getTime() - FORGET_FAILURES_AFTER_MS).toISOString();
  // One order for every transaction, so two attempts never wait on each other's rows.
  const ordered = [...keys].sort((a, b) => a.hash.localeCompare(b.hash));
  return db.kysely.transaction().execute(async (trx) => {
    const claimed: ClaimedKey[] = [];
    for (const key of ordered) {
      const state = await claimAttemptOnKey(trx, key.hash, timestamp, forgetBefore);
      if (state.blockedUntil !== null && state.blockedUntil > timestamp) {
        throw tooManyAttempts(new Date(state.blockedUntil).getTime() - now.getTime());
      }
      const blockMs = blockAfterFailures(key.rule, state.failures);
      const blockSet = blockMs > 0 ? new Date(now.getTime() + blockMs).toISOString() : null;
      if (blockSet) await blockKey(trx, key.hash, blockSet);
      claimed.push({ ...key, blockBefore: state.blockedUntil, blockSet });
    }
    return { keys: claimed };
  });
}

/**
 * After a successful sign-in: the account's key starts over; the other keys (the address,
 * shared by colleagues) take back the failure counted in advance.
 */
export async function settleSuccessfulAttempt(
  trx: Kysely<Database>,
  attempt: ClaimedAttempt,
  accountKeyHash: string,
): Promise<void> {
  for (const key of attempt.keys) {
    if (key.hash === accountKeyHash) await forgetKey(trx, key.hash);
    else await releaseAttemptOnKey(trx, key.hash, key);
  }
}

function tooManyAttempts(waitMs: number): AppError {
  return new AppError(
    'RATE_LIMITED',
    `Too many failed sign-ins. Try again in ${describeWait(waitMs)}.`,
    // The route turns this into a Retry-After header.
    { details: { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) } },
  );
}
