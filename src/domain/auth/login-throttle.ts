/**
 * How failed sign-ins slow down the next attempt. Failures are counted separately per email
 * and per client address: the email count protects one account from a guesser using many
 * addresses, the address count protects every account from one address trying many emails.
 * A blocked attempt is refused without checking the password and does not count as a failure.
 */
export interface ThrottleRule {
  /** The failure that first imposes a delay (1 s, then doubling with every further failure). */
  readonly delayFrom: number;
  /** From this many failures the key is locked for `lockMs` after each further failure. */
  readonly lockAfter: number;
  readonly lockMs: number;
}

export const EMAIL_RULE: ThrottleRule = { delayFrom: 3, lockAfter: 10, lockMs: 15 * 60_000 };
/** Higher, because colleagues behind one office address share it. */
export const IP_RULE: ThrottleRule = { delayFrom: 10, lockAfter: 20, lockMs: 15 * 60_000 };

/** A key with no failure for this long starts again from zero. */
export const FORGET_FAILURES_AFTER_MS = 60 * 60_000;

/** How long after the `failures`-th failure the next attempt must wait. */
export function blockAfterFailures(rule: ThrottleRule, failures: number): number {
  if (failures >= rule.lockAfter) return rule.lockMs;
  if (failures < rule.delayFrom) return 0;
  return Math.min(rule.lockMs, 1000 * 2 ** (failures - rule.delayFrom));
}

/** "8 seconds", "15 minutes": for the message that says when to try again. */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
