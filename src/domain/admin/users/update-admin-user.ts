import { z } from 'zod';
import { AppError } from '../../../errors.js';
import type { AdminUserRow } from '../../../storage/database.js';
import type { Db } from '../../../storage/db.js';
import { deleteSessionsOfUser } from '../../../storage/repositories/admin-session.repository.js';
import {
  countUsableAdmins,
  findAdminUserById,
  lockUsableAdmins,
  updateAdminUser as updateRow,
} from '../../../storage/repositories/admin-user.repository.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { type ActionContext, auditActor } from '../../auth/actor.js';
import { parseInput } from '../../parse-input.js';
import { RoleSchema } from './create-admin-user.js';
import { presentAdminUser } from './present-admin-user.js';

export const UpdateUserSchema = z.strictObject({
  role: RoleSchema.optional(),
  disabled: z.boolean('disabled must be true or false.').optional(),
});

/**
 * Changes an account's role or disables it (accounts are never deleted: the audit trail names
 * them). Disabling ends its sessions at once. The last admin who can sign in cannot be demoted
 * or disabled, so the control center can never lock everyone out.
 */
export async function updateAdminUser(deps: { db: Db }, context: ActionContext, id: string, body: unknown) {
  const change = parseInput(UpdateUserSchema, body);
  return deps.db.kysely.transaction().execute(async (trx) => {
    await lockUsableAdmins(trx);
    const user = await findAdminUserById(trx, id);
    if (!user) throw new AppError('NOT_FOUND', 'No account has this id.');
    const timestamp = context.now.toISOString();
    await updateRow(trx, id, change, timestamp);
    if (isUsableAdmin(user) && (await countUsableAdmins(trx)) === 0) {
      throw new AppError('INVALID_TRANSITION', 'At least one active admin must remain; make someone else admin first.');
    }
    if (change.disabled) await deleteSessionsOfUser(trx, id);
    await insertAuditEvent(trx, {
      enrollmentId: null,
      ...auditActor(context),
      action: 'admin.user_updated',
      details: { userId: id, ...change },
    });
    return { user: presentAdminUser((await findAdminUserById(trx, id)) as AdminUserRow) };
  });
}

function isUsableAdmin(user: AdminUserRow): boolean {
  return user.role === 'admin' && user.disabled === 0 && user.password_hash !== null;
}
