import type { Kysely } from 'kysely';
import type { Database, OutboxRow } from '../../storage/database.js';

/** What a remote answered to an attempt: its status and the start of its body. */
export interface DeliveryResponse {
  status: number;
  body: string;
}

/** How an attempt that did not fail ended: what the remote answered, if it was HTTP. */
export interface DeliveryReport {
  response?: DeliveryResponse | undefined;
}

/**
 * An attempt that did not deliver. `permanent` gives up at once (the remote refused the
 * message itself: retrying the same bytes cannot help); otherwise the sender retries with
 * backoff. `progress` is what a multi-part delivery got done this time, kept for the next.
 */
export class DeliveryFailure extends Error {
  readonly permanent: boolean;
  readonly response: DeliveryResponse | undefined;
  readonly progress: Record<string, unknown> | undefined;

  constructor(
    message: string,
    options: { permanent: boolean; response?: DeliveryResponse | undefined; progress?: Record<string, unknown> },
  ) {
    super(message);
    this.name = 'DeliveryFailure';
    this.permanent = options.permanent;
    this.response = options.response;
    this.progress = options.progress;
  }
}

/** How often and how long a channel retries. */
export interface RetryPolicy {
  /** First retry delay; it doubles on each attempt up to an hour. */
  retryBaseSeconds: number;
  /** A message still undelivered this long after it was queued is marked failed. */
  giveUpHours: number;
}

/** Delivers one outbox message; rejects with the reason when it could not. */
export interface OutboxHandler {
  /** The kind prefixes this handler delivers (`email.`, `dashboard.`, `webhook.`). */
  kindPrefixes: readonly string[];
  handles(kind: string): boolean;
  deliver(message: OutboxRow & { message_id: string }): Promise<DeliveryReport | undefined>;
  /** This handler's retry policy for a kind; the sender's default when absent. */
  retryPolicy?(kind: string): RetryPolicy | undefined;
  /** What a delivery completes, run in the transaction that marks the message sent. */
  delivered?(trx: Kysely<Database>, message: OutboxRow, at: Date): Promise<void>;
  /** What giving up records, run in the transaction that marks the message failed. */
  failed?(trx: Kysely<Database>, message: OutboxRow, at: Date, failure: FailureFacts): Promise<void>;
}

export interface FailureFacts {
  reason: string;
  status: number | null;
}

/** One handler over several channels, each message going to the one that delivers its kind. */
export function combineHandlers(handlers: readonly (OutboxHandler | undefined)[]): OutboxHandler | undefined {
  const present = handlers.filter((h): h is OutboxHandler => h !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  const pick = (kind: string): OutboxHandler => {
    const handler = present.find((h) => h.handles(kind));
    if (!handler) throw new Error(`no handler delivers ${kind}`);
    return handler;
  };
  return {
    kindPrefixes: present.flatMap((h) => h.kindPrefixes),
    handles: (kind) => present.some((h) => h.handles(kind)),
    deliver: (message) => pick(message.kind).deliver(message),
    retryPolicy: (kind) => pick(kind).retryPolicy?.(kind),
    delivered: async (trx, message, at) => pick(message.kind).delivered?.(trx, message, at),
    failed: async (trx, message, at, failure) => pick(message.kind).failed?.(trx, message, at, failure),
  };
}

/** Whether a kind belongs to a handler with these prefixes. */
export function kindHasPrefix(prefixes: readonly string[], kind: string): boolean {
  return prefixes.some((prefix) => kind.startsWith(prefix));
}
