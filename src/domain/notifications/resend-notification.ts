import { AppError } from '../../errors.js';
import type { Db } from '../../storage/db.js';
import { insertAuditEvent } from '../../storage/repositories/audit.repository.js';
import { findOutboxMessage, requeueMessage } from '../../storage/repositories/outbox.repository.js';
import { type ActionContext, auditActor } from '../auth/actor.js';

/**
 * Puts a message back in the queue, due now, with a fresh give-up deadline. It keeps its
 * Message-ID, so a recipient who got it before sees the same message again.
 */
export async function resendNotification(deps: { db: Db }, context: ActionContext, id: string) {
  return deps.db.kysely.transaction().execute(async (trx) => {
    const message = await findOutboxMessage(trx, id);
    if (!message) throw new AppError('NOT_FOUND', 'No message has this id.');
    if (message.state === 'waiting' && message.attempts === 0) {
      throw new AppError(
        'INVALID_TRANSITION',
        'This message has not been tried yet; it is already waiting to be sent.',
      );
    }
    await requeueMessage(trx, id, context.now.toISOString());
    await insertAuditEvent(trx, {
      enrollmentId: message.enrollment_id,
      ...auditActor(context),
      action: 'notification.resent',
      details: { outboxId: id, kind: message.kind, previousState: message.state },
    });
    return { id, state: 'waiting' as const };
  });
}
