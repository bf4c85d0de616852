import { AppError } from '../../../errors.js';
import type { Db } from '../../../storage/db.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { findEnrollmentById } from '../../../storage/repositories/enrollment.repository.js';
import { restoreRevisions } from '../../../storage/repositories/enrollment-admin.repository.js';
import { type ActionContext, auditActor } from '../../auth/actor.js';

/** Undoes a soft delete (any time before the purge), for every revision of the enrollment. */
export async function restoreEnrollment(deps: { db: Db }, context: ActionContext, id: string): Promise<void> {
  const at = context.now.toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await findEnrollmentById(trx, id);
    if (!row) throw new AppError('NOT_FOUND', 'No enrollment has this id; a purged one cannot be restored.');
    if (row.deleted_at === null) throw new AppError('INVALID_TRANSITION', 'This enrollment is not deleted.');
    const revisions = await restoreRevisions(trx, row.tech_id, at);
    await insertAuditEvent(trx, {
      enrollmentId: id,
      ...auditActor(context),
      action: 'enrollment.restored',
      details: { revisions, deletedAt: row.deleted_at },
    });
  });
}
