import { type Kysely, sql } from 'kysely';
import type { Database, OutboxAttemptRow, OutboxRow, OutboxState } from '../database.js';
import { newId } from '../ids.js';

type Executor = Kysely<Database>;

export interface NewOutboxMessage {
  kind: string;
  recipients: readonly string[];
  payload: Record<string, unknown>;
  enrollmentId?: string | null;
  /** Set for a message that must exist once: a second enqueue with the same key is ignored. */
  dedupeKey?: string | null;
  at: Date;
}

/**
 * Queues a message. Call it inside the transaction of the event that causes the message, so
 * both commit or neither does. Returns the id, or null when `dedupeKey` was already queued.
 */
export async function enqueueOutboxMessage(db: Executor, message: NewOutboxMessage): Promise<string | null> {
  const id = newId(message.at.getTime());
  const at = message.at.toISOString();
  const result = await db
    .insertInto('outbox')
    .values({
      id,
      kind: message.kind,
      recipients: JSON.stringify(message.recipients),
      payload: JSON.stringify(message.payload),
      message_id: null,
      state: 'waiting',
      attempts: 0,
      next_attempt_at: at,
      last_error: null,
      enrollment_id: message.enrollmentId ?? null,
      dedupe_key: message.dedupeKey ?? null,
      created_at: at,
      queued_at: at,
      updated_at: at,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1 ? id : null;
}

/**
 * Waiting messages due at `now`, oldest first; only kinds starting with one of `kindPrefixes`
 * when given, so messages nobody can deliver yet (e-mail without SMTP) never crowd out the rest.
 */
export async function listDueMessages(
  db: Executor,
  now: string,
  limit: number,
  kindPrefixes?: readonly string[],
): Promise<OutboxRow[]> {
  let query = db.selectFrom('outbox').selectAll();
  if (kindPrefixes) {
    // substr rather than LIKE: kinds hold `_`, a LIKE wildcard, and both engines have substr.
    query = query.where((eb) =>
      eb.or(kindPrefixes.map((prefix) => eb(sql<string>`substr(kind, 1, ${sql.lit(prefix.length)})`, '=', prefix))),
    );
  }
  return query
    .where('state', '=', 'waiting')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Takes a message for one attempt: counts the attempt and pushes its next time out to when a
 * retry is due, before anything is sent. A crash mid-send then leaves it waiting for that
 * retry. False if another sender took it first (the count moved on).
 */
export async function claimMessage(
  db: Executor,
  message: Pick<OutboxRow, 'id' | 'attempts' | 'message_id'>,
  claim: { retryAt: string; now: string; messageId: string },
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({
      attempts: message.attempts + 1,
      next_attempt_at: claim.retryAt,
      updated_at: claim.now,
      message_id: message.message_id ?? claim.messageId,
    })
    .where('id', '=', message.id)
    .where('state', '=', 'waiting')
    .where('attempts', '=', message.attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface AttemptOutcome {
  at: string;
  error: string | null;
  state: OutboxState;
  /** The HTTP answer, for deliveries made over HTTP. */
  response?: { status: number; body: string } | undefined;
  /** What a multi-part delivery has done so far; unchanged when undefined. */
  progress?: Record<string, unknown> | undefined;
}

/**
 * Records how an attempt ended: delivered, or the error and whether the message gave up.
 * `alsoDo` runs in the same transaction (what a delivery completes, such as a checklist tick).
 */
export async function recordAttempt(
  db: Executor,
  id: string,
  outcome: AttemptOutcome,
  alsoDo?: (trx: Executor) => Promise<void>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await alsoDo?.(trx);
    await trx
      .insertInto('outbox_attempts')
      .values({
        id: newId(),
        outbox_id: id,
        attempted_at: outcome.at,
        error: outcome.error,
        response_status: outcome.response?.status ?? null,
        response_body: outcome.response?.body ?? null,
      })
      .execute();
    await trx
      .updateTable('outbox')
      .set({
        state: outcome.state,
        updated_at: outcome.at,
        ...(outcome.progress === undefined ? {} : { progress: JSON.stringify(outcome.progress) }),
        ...(outcome.error === null ? { sent_at: outcome.at, last_error: null } : { last_error: outcome.error }),
      })
      .where('id', '=', id)
      .execute();
  });
}

/** Marks a waiting message failed without an attempt (it was never sent before its deadline). */
export async function giveUpMessage(db: Executor, id: string, at: string, reason: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ state: 'failed', last_error: reason, updated_at: at })
    .where('id', '=', id)
    .where('state', '=', 'waiting')
    .execute();
}

/**
 * Puts a sent or failed message back in the queue, due now; its Message-ID stays. With
 * `restart`, a multi-part delivery forgets its progress and sends every part again.
 */
export async function requeueMessage(
  db: Executor,
  id: string,
  at: string,
  options: { restart?: boolean } = {},
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({
      state: 'waiting',
      next_attempt_at: at,
      updated_at: at,
      queued_at: at,
      ...(options.restart ? { progress: null } : {}),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Messages per state; only kinds starting with `kindPrefix` when given (`email.`). */
export async function countOutboxByState(db: Executor, kindPrefix?: string): Promise<Record<OutboxState, number>> {
  let query = db.selectFrom('outbox').select(['state', sql<number>`count(*)`.as('n')]);
  if (kindPrefix) query = query.where(sql<string>`substr(kind, 1, ${sql.lit(kindPrefix.length)})`, '=', kindPrefix);
  const rows = await query.groupBy('state').execute();
  const counts: Record<OutboxState, number> = { waiting: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.state] = Number(row.n);
  return counts;
}

export async function findOutboxMessage(db: Executor, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listOutboxMessages(
  db: Executor,
  filter: { state?: OutboxState | undefined; enrollmentId?: string | undefined; limit: number; offset: number },
): Promise<OutboxRow[]> {
  let query = db.selectFrom('outbox').selectAll();
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.enrollmentId) query = query.where('enrollment_id', '=', filter.enrollmentId);
  return query.orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
}

export async function listAttemptsOf(db: Executor, ids: readonly string[]): Promise<OutboxAttemptRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('outbox_attempts')
    .selectAll()
    .where('outbox_id', 'in', ids)
    .orderBy('attempted_at')
    .orderBy('id')
    .execute();
}

/** The newest message of a kind about an enrollment. */
export async function findLatestMessageOf(
  db: Executor,
  kind: string,
  enrollmentId: string,
): Promise<OutboxRow | undefined> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('kind', '=', kind)
    .where('enrollment_id', '=', enrollmentId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Gives up the waiting messages of a kind about these enrollments: a newer one replaces them. */
export async function supersedeWaitingMessages(
  db: Executor,
  kind: string,
  enrollmentIds: readonly string[],
  at: string,
  reason: string,
): Promise<number> {
  if (enrollmentIds.length === 0) return 0;
  const result = await db
    .updateTable('outbox')
    .set({ state: 'failed', last_error: reason, updated_at: at })
    .where('kind', '=', kind)
    .where('state', '=', 'waiting')
    .where('enrollment_id', 'in', enrollmentIds)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The newest attempts of one message, newest first. */
export async function listRecentAttempts(db: Executor, id: string, limit: number): Promise<OutboxAttemptRow[]> {
  return db
    .selectFrom('outbox_attempts')
    .selectAll()
    .where('outbox_id', '=', id)
    .orderBy('attempted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The newest messages of kinds starting with `kindPrefix` to exactly these recipients. */
export async function listMessagesTo(
  db: Executor,
  kindPrefix: string,
  recipients: readonly string[],
  limit: number,
): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where(sql<string>`substr(kind, 1, ${sql.lit(kindPrefix.length)})`, '=', kindPrefix)
    .where('recipients', '=', JSON.stringify(recipients))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
