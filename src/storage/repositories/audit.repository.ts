import type { Kysely } from 'kysely';
import type { AuditAction, AuditDetails } from '../../shared/audit-actions.js';
import type { AuditEventRow, Database } from '../database.js';
import { newId } from '../ids.js';

/** One event to record; its details are the ones its action carries (shared/audit-actions.ts). */
export interface AuditEventInput<A extends AuditAction = AuditAction> {
  enrollmentId: string | null;
  actor: string;
  /** The admin account that acted, when one did. */
  actorId?: string | null;
  action: A;
  occurredAt: string;
  ip?: string | null;
  userAgent?: string | null;
  details: AuditDetails[A];
}

/** Call inside the transaction that makes the change the event records. */
export async function insertAuditEvent<A extends AuditAction>(
  db: Kysely<Database>,
  event: AuditEventInput<A>,
): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: newId(),
      enrollment_id: event.enrollmentId,
      actor: event.actor,
      actor_id: event.actorId ?? null,
      action: event.action,
      occurred_at: event.occurredAt,
      ip: event.ip ?? null,
      user_agent: event.userAgent ?? null,
      details: JSON.stringify(event.details),
    })
    .execute();
}

export async function listAuditEventsOf(db: Kysely<Database>, enrollmentIds: string[]): Promise<AuditEventRow[]> {
  if (enrollmentIds.length === 0) return [];
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('enrollment_id', 'in', enrollmentIds)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}
