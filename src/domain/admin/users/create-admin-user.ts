import { z } from 'zod';
import { AppError } from '../../../errors.js';
import type { AdminUserRow } from '../../../storage/database.js';
import type { Db } from '../../../storage/db.js';
import { isUniqueViolation } from '../../../storage/errors.js';
import { newId } from '../../../storage/ids.js';
import { findAdminUserById, insertAdminUser } from '../../../storage/repositories/admin-user.repository.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { type ActionContext, auditActor } from '../../auth/actor.js';
import { AccountEmailSchema, DisplayNameSchema } from '../../auth/complete-setup.js';
import { issueSetupLink } from '../../auth/issue-setup-link.js';
import { parseInput } from '../../parse-input.js';
import { presentAdminUser } from './present-admin-user.js';

export const RoleSchema = z.enum(['admin', 'reviewer'], { error: 'Role must be admin or reviewer.' });

export const CreateUserSchema = z.object({
  email: AccountEmailSchema,
  role: RoleSchema.default('reviewer'),
  displayName: DisplayNameSchema.optional(),
});

/**
 * Creates an account without a password and returns its one-time setup link (valid an hour),
 * which the creator hands to the person. Used by the users screen and by `byov admin create`.
 */
export async function createAdminUser(deps: { db: Db; publicUrl: string }, context: ActionContext, body: unknown) {
  const { email, role, displayName: chosenName } = parseInput(CreateUserSchema, body);
  // Until the person chooses one, the part of the email before the @ stands in for a name.
  const displayName = chosenName ?? email.split('@')[0] ?? email;
  const id = newId(context.now.getTime());
  try {
    return await deps.db.kysely.transaction().execute(async (trx) => {
      await insertAdminUser(trx, {
        id,
        email,
        displayName,
        role,
        passwordHash: null,
        createdAt: context.now.toISOString(),
      });
      const setup = await issueSetupLink(trx, {
        userId: id,
        purpose: 'invite',
        now: context.now,
        publicUrl: deps.publicUrl,
      });
      await insertAuditEvent(trx, {
        enrollmentId: null,
        ...auditActor(context),
        action: 'admin.user_created',
        details: { userId: id, role },
      });
      const user = (await findAdminUserById(trx, id)) as AdminUserRow;
      return { user: presentAdminUser(user), setupLink: setup.link, setupLinkExpiresAt: setup.expiresAt };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('VALIDATION_FAILED', 'An account with this email already exists.', { field: 'email' });
    }
    throw error;
  }
}
