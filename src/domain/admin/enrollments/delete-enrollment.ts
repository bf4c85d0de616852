import { AppError } from '../../../errors.js';
import type { Db } from '../../../storage/db.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { findEnrollmentById } from '../../../storage/repositories/enrollment.repository.js';
import { softDeleteRevisions } from '../../../storage/repositories/enrollment-admin.repository.js';
import { type ActionContext, auditActor } from '../../auth/actor.js';
import { enqueueWebhookEvent } from '../../integrations/webhooks/enqueue-webhook-event.js';
import { enrollmentEventData } from '../../integrations/webhooks/webhook-events.js';
import { SOFT_DELETE_RETENTION_DAYS } from './purge-expired-deletions.js';

/**
 * Soft-deletes a technician's enrollment, every revision of it: hidden from the list, kept
 * with its files, restorable for 30 days, then purged by the hourly job.
 */
export async function deleteEnrollment(deps: { db: Db }, context: ActionContext, id: string): Promise<void> {
  const at = context.now.toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await findEnrollmentById(trx, id);
    if (!row) throw new AppError('NOT_FOUND', 'No enrollment has this id.');
    if (row.deleted_at !== null) throw new AppError('INVALID_TRANSITION', 'This enrollment is already deleted.');
    const ids = await softDeleteRevisions(trx, row.tech_id, at, context.actor.label);
    await insertAuditEvent(trx, {
      enrollmentId: id,
      ...auditActor(context),
      action: 'enrollment.deleted',
      details: { revisions: ids.length, purgeAfterDays: SOFT_DELETE_RETENTION_DAYS },
    });
    await enqueueWebhookEvent(
      trx,
      'enrollment.deleted',
      { ...enrollmentEventData(row), revisions: ids.length, purgeAfterDays: SOFT_DELETE_RETENTION_DAYS },
      { at: context.now, enrollmentId: id },
    );
  });
}
