import type { Kysely } from 'kysely';
import type { AuditEventRow, Database } from '../database.js';
import { newId } from '../ids.js';

export interface AuditEventInput {
  enrollmentId: string | null;
  actor: string;
  /** The admin account that acted, when one did. */
  actorId?: string | null;
  action: string;
  occurredAt: string;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
}

/** Call inside the transaction that makes the change the event records. */
export async function insertAuditEvent(db: Kysely<Database>, event: AuditEventInput): Promise<void> {
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
      details: JSON.stringify(event.details ?? {}),
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
