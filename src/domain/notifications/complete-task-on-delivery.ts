import type { Kysely } from 'kysely';
import type { TaskEmailPayload } from '../../mail/payloads.js';
import type { Database, OutboxRow } from '../../storage/database.js';
import { insertAuditEvent } from '../../storage/repositories/audit.repository.js';
import { completeOpenTask } from '../../storage/repositories/checklist.repository.js';

/** Who the audit trail and the checklist name for what the product does by itself. */
export const SYSTEM_ACTOR_LABEL = 'system';

/**
 * A delivered task e-mail that completes its task (the HR policy e-mail) ticks it, recorded as
 * done by the system, in the transaction that marks the message sent: the tick follows the
 * SMTP server's acceptance, never the queueing. A task already ticked is left as it is.
 */
export async function completeTaskOnDelivery(trx: Kysely<Database>, message: OutboxRow, at: Date): Promise<void> {
  if (message.kind !== 'email.task' || !message.enrollment_id) return;
  const payload = JSON.parse(message.payload) as TaskEmailPayload;
  if (!payload.completesTask) return;
  const iso = at.toISOString();
  const ticked = await completeOpenTask(trx, message.enrollment_id, payload.taskKey, {
    at: iso,
    by: SYSTEM_ACTOR_LABEL,
  });
  if (!ticked) return;
  await insertAuditEvent(trx, {
    enrollmentId: message.enrollment_id,
    actor: SYSTEM_ACTOR_LABEL,
    actorId: null,
    action: 'checklist.completed_by_email',
    occurredAt: iso,
    details: { task: payload.taskKey, outboxId: message.id },
  });
}
