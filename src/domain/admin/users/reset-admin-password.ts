import { AppError } from '../../../errors.js';
import type { Db } from '../../../storage/db.js';
import { findAdminUserByEmail } from '../../../storage/repositories/admin-user.repository.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { type ActionContext, auditActor } from '../../auth/actor.js';
import { AccountEmailSchema } from '../../auth/complete-setup.js';
import { issueSetupLink, type SetupLink } from '../../auth/issue-setup-link.js';
import { parseInput } from '../../parse-input.js';

/**
 * Issues a one-time link that sets a new password for an existing account (`byov admin
 * reset-password`). The old password keeps working until the link is used, so an unused link
 * locks nobody out; using it ends every session of the account.
 */
export async function resetAdminPassword(
  deps: { db: Db; publicUrl: string },
  context: ActionContext,
  rawEmail: string,
): Promise<SetupLink> {
  const email = parseInput(AccountEmailSchema, rawEmail, {
    refusal: { message: 'Enter a valid email address.', field: 'email' },
  });
  return deps.db.kysely.transaction().execute(async (trx) => {
    const user = await findAdminUserByEmail(trx, email);
    if (!user) throw new AppError('NOT_FOUND', 'There is no account with this email.');
    const link = await issueSetupLink(trx, {
      userId: user.id,
      purpose: user.password_hash === null ? 'invite' : 'reset',
      now: context.now,
      publicUrl: deps.publicUrl,
    });
    await insertAuditEvent(trx, {
      enrollmentId: null,
      ...auditActor(context),
      action: 'admin.password_reset_issued',
      details: { userId: user.id },
    });
    return link;
  });
}
