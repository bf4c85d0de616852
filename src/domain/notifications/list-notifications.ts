import { z } from 'zod';
import type { Config } from '../../config.js';
import { describeMailStatus } from '../../mail/mail-status.js';
import type { OutboxAttemptRow, OutboxRow } from '../../storage/database.js';
import type { Db } from '../../storage/db.js';
import { listAttemptsOf, listOutboxMessages } from '../../storage/repositories/outbox.repository.js';
import { parseInput } from '../parse-input.js';

export const NotificationQuerySchema = z.object({
  state: z.enum(['waiting', 'sent', 'failed']).optional(),
  enrollmentId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The outbox for the Notifications page: newest first, with every attempt and its error. */
export async function listNotifications(deps: { db: Db; config: Config }, query: unknown) {
  const filter = parseInput(NotificationQuerySchema, query ?? {}, { fieldDepth: 1, fallbackField: 'state' });
  const db = deps.db.kysely;
  const rows = await listOutboxMessages(db, filter);
  const attempts = await listAttemptsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    status: await describeMailStatus(db, deps.config),
    messages: rows.map((row) => presentMessage(row, attempts)),
  };
}

function presentMessage(row: OutboxRow, attempts: OutboxAttemptRow[]) {
  const payload = JSON.parse(row.payload) as { reference?: string; enrollment?: { reference?: string } };
  return {
    id: row.id,
    kind: row.kind,
    recipients: JSON.parse(row.recipients) as string[],
    reference: payload.reference ?? payload.enrollment?.reference ?? null,
    enrollmentId: row.enrollment_id,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'waiting' ? row.next_attempt_at : null,
    lastError: row.last_error,
    messageId: row.message_id,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    history: attempts.filter((a) => a.outbox_id === row.id).map((a) => ({ at: a.attempted_at, error: a.error })),
  };
}
