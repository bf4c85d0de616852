import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { MailConfig } from '../config.js';
import { DeliveryFailure, type OutboxHandler, type RetryPolicy } from '../domain/outbox/outbox-handler.js';
import type { OutboxRow } from '../storage/database.js';
import type { Db } from '../storage/db.js';
import { newId } from '../storage/ids.js';
import { acquireLease, releaseLease } from '../storage/repositories/job-lease.repository.js';
import { claimMessage, listDueMessages, recordAttempt } from '../storage/repositories/outbox.repository.js';

export const OUTBOX_LEASE = 'outbox-sender';
/**
 * Renewed before each message, so it must outlast one send (the transport gives up on a silent
 * server after 60 s). An instance that dies holding it delays mail by at most this much.
 */
const LEASE_MS = 90_000;
const BATCH = 25;
const MAX_BACKOFF_MS = 60 * 60_000;

export interface OutboxSenderDeps {
  db: Db;
  now: () => Date;
  mail: Pick<MailConfig, 'giveUpHours' | 'retryBaseSeconds' | 'pollSeconds'>;
  /** Where Message-IDs point (`<id@domain>`). */
  messageIdDomain: string;
  /**
   * Delivers the channels that are configured (see combineHandlers); undefined when none is:
   * messages then wait untouched. Messages of a channel it does not deliver wait as well.
   */
  handler: OutboxHandler | undefined;
  logger?: Logger | undefined;
  /** Who holds the lease; unique per process. */
  holder?: string;
}

export interface SendReport {
  sent: number;
  retrying: number;
  failed: number;
  /** False when another instance holds the lease (or nothing can be delivered). */
  ran: boolean;
}

export function newLeaseHolder(): string {
  return `${hostname()}:${process.pid}:${newId().slice(-12)}`;
}

/** The wait before the attempt after `attempts` failed ones: base, doubling, at most an hour. */
export function retryDelayMs(attempts: number, baseSeconds: number): number {
  return Math.min(baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/**
 * One pass of the sender: under the database lease, every due message gets one attempt. The
 * attempt is counted and the retry time set before sending (see claimMessage), so a crash at
 * any moment leaves the message waiting; delivery is at least once, with one Message-ID.
 */
export async function sendDueMessages(deps: OutboxSenderDeps): Promise<SendReport> {
  const report: SendReport = { sent: 0, retrying: 0, failed: 0, ran: false };
  const { handler } = deps;
  if (!handler) return report;
  const holder = deps.holder ?? newLeaseHolder();
  if (!(await lease(deps, holder))) return report;
  report.ran = true;
  const due = await listDueMessages(deps.db.kysely, deps.now().toISOString(), BATCH, handler.kindPrefixes);
  for (const message of due) {
    if (!handler.handles(message.kind)) continue;
    // Renewing before each message keeps the lease ours for as long as one send may take.
    if (!(await lease(deps, holder))) break;
    const outcome = await attempt(deps, handler, message);
    if (outcome) report[outcome] += 1;
  }
  return report;
}

function lease(deps: OutboxSenderDeps, holder: string): Promise<boolean> {
  const now = deps.now();
  return acquireLease(deps.db.kysely, {
    name: OUTBOX_LEASE,
    holder,
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + LEASE_MS).toISOString(),
  });
}

async function attempt(
  deps: OutboxSenderDeps,
  handler: OutboxHandler,
  message: OutboxRow,
): Promise<keyof Omit<SendReport, 'ran'> | null> {
  const now = deps.now();
  const policy: RetryPolicy = handler.retryPolicy?.(message.kind) ?? deps.mail;
  const messageId = message.message_id ?? `<${message.id}@${deps.messageIdDomain}>`;
  const retryAt = new Date(now.getTime() + retryDelayMs(message.attempts + 1, policy.retryBaseSeconds));
  const claimed = await claimMessage(deps.db.kysely, message, {
    retryAt: retryAt.toISOString(),
    now: now.toISOString(),
    messageId,
  });
  if (!claimed) return null;
  const log = { outboxId: message.id, kind: message.kind, attempt: message.attempts + 1 };
  let report: Awaited<ReturnType<OutboxHandler['deliver']>>;
  try {
    report = await handler.deliver({ ...message, message_id: messageId });
  } catch (error) {
    const failure = error instanceof DeliveryFailure ? error : undefined;
    const reason = error instanceof Error ? error.message : String(error);
    const deadline = Date.parse(message.queued_at) + policy.giveUpHours * 3_600_000;
    const state = failure?.permanent || retryAt.getTime() > deadline ? 'failed' : 'waiting';
    const at = deps.now();
    const status = failure?.response?.status ?? null;
    await recordAttempt(
      deps.db.kysely,
      message.id,
      { at: at.toISOString(), error: reason, state, response: failure?.response, progress: failure?.progress },
      state === 'failed' && handler.failed
        ? (trx) => handler.failed?.(trx, message, at, { reason, status }) ?? Promise.resolve()
        : undefined,
    );
    // The reason may quote an address, so the log has only the code.
    deps.logger?.warn({ ...log, code: (error as { code?: unknown }).code, status, state }, 'message not delivered');
    return state === 'failed' ? 'failed' : 'retrying';
  }
  const at = deps.now();
  await recordAttempt(
    deps.db.kysely,
    message.id,
    { at: at.toISOString(), error: null, state: 'sent', response: report?.response },
    (trx) => (handler.delivered ? handler.delivered(trx, message, at) : Promise.resolve()),
  );
  deps.logger?.info(log, 'message delivered');
  return 'sent';
}

/** Runs the sender every `pollSeconds` until stopped; a clean stop hands the lease back. */
export function startOutboxSender(deps: OutboxSenderDeps): { stop(): Promise<void>; runNow(): Promise<void> } {
  const holder = deps.holder ?? newLeaseHolder();
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const runNow = async () => {
    if (busy) return running.then(() => undefined);
    busy = true;
    running = sendDueMessages({ ...deps, holder })
      .catch((error) => deps.logger?.error({ err: error }, 'outbox sender failed'))
      .finally(() => {
        busy = false;
      });
    await running;
  };
  const timer = setInterval(() => void runNow(), deps.mail.pollSeconds * 1000);
  void runNow();
  return {
    runNow,
    stop: async () => {
      clearInterval(timer);
      await running;
      if (deps.handler) await releaseLease(deps.db.kysely, OUTBOX_LEASE, holder).catch(() => undefined);
    },
  };
}
