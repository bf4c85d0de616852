import { z } from 'zod';
import { AppError } from '../../errors.js';
import { findAdminUserByEmail, updateAdminUser } from '../../storage/repositories/admin-user.repository.js';
import { parseInput } from '../parse-input.js';
import { EMAIL_RULE, IP_RULE } from './login-throttle.js';
import { unmatchableHash, verifyPassword } from './password.js';
import { MAX_PASSWORD_LENGTH } from './password-rules.js';
import { hashSecretToken } from './secret-token.js';
import { type AuthDeps, type ClientInfo, openSession, presentSessionUser } from './session.js';
import { claimSignInAttempt, settleSuccessfulAttempt } from './sign-in-attempts.js';

export const SignInSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(MAX_PASSWORD_LENGTH),
});

/** One message for an unknown email, a wrong password and a disabled account: nothing to probe. */
const WRONG_CREDENTIALS = 'Wrong email or password.';

/**
 * Signs an admin in. Attempts are throttled per email and per client address with growing
 * delays and a lock (see login-throttle.ts). The attempt is claimed (counted as a failure in
 * advance) before the password is looked at, so a blocked attempt is refused unchecked and a
 * burst of concurrent attempts cannot slip past the count.
 */
export async function signIn(deps: AuthDeps, body: unknown, client: ClientInfo) {
  const { email, password } = parseInput(SignInSchema, body, {
    refusal: { message: 'Send your email and password.', field: 'email' },
  });
  const db = deps.db.kysely;
  const now = deps.now();
  const emailKey = hashSecretToken(`email:${email}`);
  const attempt = await claimSignInAttempt(
    deps.db,
    [
      { hash: emailKey, rule: EMAIL_RULE },
      { hash: hashSecretToken(`ip:${client.ip ?? 'unknown'}`), rule: IP_RULE },
    ],
    now,
  );

  const user = await findAdminUserByEmail(db, email);
  // The hash is checked even without an account, so both answers take as long.
  const matches = await verifyPassword(password, user?.password_hash ?? (await unmatchableHash()));
  if (!user?.password_hash || user.disabled === 1 || !matches) {
    throw new AppError('UNAUTHORIZED', WRONG_CREDENTIALS);
  }
  const session = await db.transaction().execute(async (trx) => {
    await settleSuccessfulAttempt(trx, attempt, emailKey);
    await updateAdminUser(trx, user.id, { lastSignInAt: now.toISOString() }, now.toISOString());
    return openSession(trx, user.id, { ...client, now, ttlHours: deps.sessionTtlHours });
  });
  return { user: presentSessionUser(user), session };
}
