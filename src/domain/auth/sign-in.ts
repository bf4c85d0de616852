import { z } from 'zod';
import { AppError } from '../../errors.js';
import { findAdminUserByEmail, updateAdminUser } from '../../storage/repositories/admin-user.repository.js';
import {
  blockKey,
  countFailure,
  findBlockedUntil,
  forgetKey,
} from '../../storage/repositories/login-throttle.repository.js';
import {
  blockAfterFailures,
  describeWait,
  EMAIL_RULE,
  FORGET_FAILURES_AFTER_MS,
  IP_RULE,
  type ThrottleRule,
} from './login-throttle.js';
import { MAX_PASSWORD_LENGTH, unmatchableHash, verifyPassword } from './password.js';
import { hashSecretToken } from './secret-token.js';
import { type AuthDeps, type ClientInfo, openSession, presentSessionUser } from './session.js';

const SignInSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(MAX_PASSWORD_LENGTH),
});

/** One message for an unknown email, a wrong password and a disabled account: nothing to probe. */
const WRONG_CREDENTIALS = 'Wrong email or password.';

/**
 * Signs an admin in. Attempts are throttled per email and per client address with growing
 * delays and a lock (see login-throttle.ts); a blocked attempt is answered before the password
 * is even looked at, so waiting out the delay is the only way forward.
 */
export async function signIn(deps: AuthDeps, body: unknown, client: ClientInfo) {
  const parsed = SignInSchema.safeParse(body);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'Send your email and password.', { field: 'email' });
  const { email, password } = parsed.data;
  const db = deps.db.kysely;
  const now = deps.now();
  const keys: [string, ThrottleRule][] = [
    [hashSecretToken(`email:${email}`), EMAIL_RULE],
    [hashSecretToken(`ip:${client.ip ?? 'unknown'}`), IP_RULE],
  ];
  const blockedUntil = await findBlockedUntil(
    db,
    keys.map(([key]) => key),
    now.toISOString(),
  );
  if (blockedUntil) throw tooManyAttempts(new Date(blockedUntil).getTime() - now.getTime());

  const user = await findAdminUserByEmail(db, email);
  // The hash is checked even without an account, so both answers take as long.
  const matches = await verifyPassword(password, user?.password_hash ?? (await unmatchableHash()));
  if (!user?.password_hash || user.disabled === 1 || !matches) {
    await recordFailure(deps, keys, now);
    throw new AppError('UNAUTHORIZED', WRONG_CREDENTIALS);
  }
  const session = await db.transaction().execute(async (trx) => {
    await forgetKey(trx, keys[0]?.[0] as string);
    await updateAdminUser(trx, user.id, { lastSignInAt: now.toISOString() }, now.toISOString());
    return openSession(trx, user.id, { ...client, now, ttlHours: deps.sessionTtlHours });
  });
  return { user: presentSessionUser(user), session };
}

async function recordFailure(deps: AuthDeps, keys: [string, ThrottleRule][], now: Date): Promise<void> {
  const forgetBefore = new Date(now.getTime() - FORGET_FAILURES_AFTER_MS).toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    for (const [key, rule] of keys) {
      const failures = await countFailure(trx, key, now.toISOString(), forgetBefore);
      const blockMs = blockAfterFailures(rule, failures);
      if (blockMs > 0) await blockKey(trx, key, new Date(now.getTime() + blockMs).toISOString());
    }
  });
}

function tooManyAttempts(waitMs: number): AppError {
  return new AppError(
    'RATE_LIMITED',
    `Too many failed sign-ins. Try again in ${describeWait(waitMs)}.`,
    // The route turns this into a Retry-After header.
    { details: { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) } },
  );
}
