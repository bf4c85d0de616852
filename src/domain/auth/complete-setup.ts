import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { AdminUserRow, Database } from '../../storage/database.js';
import { isUniqueViolation } from '../../storage/errors.js';
import { newId } from '../../storage/ids.js';
import { deleteSessionsOfUser } from '../../storage/repositories/admin-session.repository.js';
import {
  countUsableAdmins,
  findAdminUserById,
  insertAdminUser,
  updateAdminUser,
} from '../../storage/repositories/admin-user.repository.js';
import { insertAuditEvent } from '../../storage/repositories/audit.repository.js';
import {
  findUsableSetupToken,
  markSetupTokenUsed,
  type SetupTokenRow,
} from '../../storage/repositories/setup-token.repository.js';
import { parseInput } from '../parse-input.js';
import { hashPassword } from './password.js';
import { assertPasswordAcceptable } from './password-rules.js';
import { hashSecretToken } from './secret-token.js';
import { type AuthDeps, type ClientInfo, openSession, presentSessionUser } from './session.js';

export const AccountEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email('Enter a valid email address.'));
export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a display name.')
  .max(100, 'A display name can be at most 100 characters.');

export const SetupSchema = z.object({
  token: z.string('The setup link is incomplete.').min(1, 'The setup link is incomplete.').max(200),
  email: AccountEmailSchema,
  password: z.string('Choose a password.'),
  displayName: DisplayNameSchema,
});

const INVALID_LINK = 'This setup link is invalid, expired or already used. Ask an admin for a new one.';

/**
 * Uses a one-time setup link: sets the account's password (creating the first admin for a
 * first-start link) and signs the person in. A password reset ends every other session.
 */
export async function completeSetup(deps: AuthDeps, body: unknown, client: ClientInfo) {
  const input = parseInput(SetupSchema, body);
  const now = deps.now();
  // The link is checked before the costly hash, so made-up tokens cost the server nothing; the
  // transaction below checks it again, as it may be used in the meantime.
  if (!(await findUsableSetupToken(deps.db.kysely, hashSecretToken(input.token), now.toISOString()))) {
    throw new AppError('VALIDATION_FAILED', INVALID_LINK, { field: 'token' });
  }
  assertPasswordAcceptable(input.password);
  const passwordHash = await hashPassword(input.password);
  try {
    return await deps.db.kysely.transaction().execute(async (trx) => {
      const token = await findUsableSetupToken(trx, hashSecretToken(input.token), now.toISOString());
      if (!token) throw new AppError('VALIDATION_FAILED', INVALID_LINK, { field: 'token' });
      const user = await applySetup(trx, token, { ...input, passwordHash }, now);
      if (!(await markSetupTokenUsed(trx, token.token_hash, now.toISOString()))) {
        throw new AppError('VALIDATION_FAILED', INVALID_LINK, { field: 'token' });
      }
      await insertAuditEvent(trx, {
        enrollmentId: null,
        actor: user.email,
        actorId: user.id,
        action: token.purpose === 'reset' ? 'admin.password_reset' : 'admin.account_set_up',
        occurredAt: now.toISOString(),
        ip: client.ip,
        userAgent: client.userAgent,
        details: { role: user.role },
      });
      const session = await openSession(trx, user.id, { ...client, now, ttlHours: deps.sessionTtlHours });
      return { user: presentSessionUser(user), session };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('VALIDATION_FAILED', 'An account with this email already exists.', { field: 'email' });
    }
    throw error;
  }
}

async function applySetup(
  trx: Kysely<Database>,
  token: SetupTokenRow,
  input: { email: string; displayName: string; passwordHash: string },
  now: Date,
): Promise<AdminUserRow> {
  const timestamp = now.toISOString();
  if (token.user_id === null) {
    // A first-start link is void once any admin can sign in (another link was used first).
    if ((await countUsableAdmins(trx)) > 0) throw new AppError('VALIDATION_FAILED', INVALID_LINK, { field: 'token' });
    const id = newId(now.getTime());
    await insertAdminUser(trx, { id, ...input, role: 'admin', createdAt: timestamp });
    return (await findAdminUserById(trx, id)) as AdminUserRow;
  }
  const user = await findAdminUserById(trx, token.user_id);
  if (!user || user.disabled === 1) throw new AppError('VALIDATION_FAILED', INVALID_LINK, { field: 'token' });
  if (user.email !== input.email) {
    throw new AppError('VALIDATION_FAILED', 'This setup link belongs to another email address.', { field: 'email' });
  }
  await updateAdminUser(trx, user.id, { passwordHash: input.passwordHash, displayName: input.displayName }, timestamp);
  await deleteSessionsOfUser(trx, user.id);
  return { ...user, display_name: input.displayName, password_hash: input.passwordHash };
}
