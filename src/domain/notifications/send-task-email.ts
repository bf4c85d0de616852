import { AppError } from '../../errors.js';
import type { Db } from '../../storage/db.js';
import { insertAuditEvent } from '../../storage/repositories/audit.repository.js';
import { listChecklistOf } from '../../storage/repositories/checklist.repository.js';
import { listDocumentsOf } from '../../storage/repositories/document.repository.js';
import { findEnrollmentById } from '../../storage/repositories/enrollment.repository.js';
import { type ActionContext, auditActor } from '../auth/actor.js';
import { taskEmailPayload } from './build-mail-payloads.js';
import { enqueueEmail } from './enqueue-submission-messages.js';
import { readTaskEmailSettings } from './task-email-settings.js';

/**
 * "Send" on a checklist task: queues the task's e-mail to its recipients, with an audit event,
 * in one transaction. Delivery (not this) ticks the task when its settings say so.
 */
export async function sendTaskEmail(deps: { db: Db }, context: ActionContext, id: string, taskKey: string) {
  return deps.db.kysely.transaction().execute(async (trx) => {
    const row = await findEnrollmentById(trx, id);
    if (!row) throw new AppError('NOT_FOUND', 'No enrollment has this id.');
    if (row.deleted_at !== null)
      throw new AppError('INVALID_TRANSITION', 'This enrollment is deleted; restore it first.');
    const task = (await listChecklistOf(trx, id)).find((t) => t.task_key === taskKey);
    if (!task) throw new AppError('NOT_FOUND', 'This enrollment has no checklist task with this key.');
    const email = (await readTaskEmailSettings(trx)).tasks[taskKey];
    if (!email || email.recipients.length === 0) {
      throw new AppError('INVALID_TRANSITION', 'This task has no e-mail recipients; set them in Settings first.');
    }
    const payload = taskEmailPayload(
      row,
      { key: task.task_key, label: task.label },
      email,
      await listDocumentsOf(trx, id),
    );
    const outboxId = await enqueueEmail(trx, 'email.task', {
      to: email.recipients,
      payload,
      enrollmentId: id,
      at: context.now,
    });
    await insertAuditEvent(trx, {
      enrollmentId: id,
      ...auditActor(context),
      action: 'checklist.email_queued',
      details: { task: taskKey, outboxId: outboxId ?? '', recipientCount: email.recipients.length },
    });
    return { id: outboxId, state: 'waiting' as const, recipients: email.recipients.length };
  });
}
