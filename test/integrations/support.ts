import { type OutboxSenderDeps, sendDueMessages } from '../../src/jobs/outbox-sender.js';
import { outboxHandlers } from '../../src/jobs/start-outbox-delivery.js';
import type { ResolvedAddress, ResolveHost } from '../../src/net/address-guard.js';
import { adminHeaders, type TestApp } from '../support/app-harness.js';

/** The outbox sender as the server runs it (every configured channel), on the test's clock. */
export function integrationSender(t: TestApp, now: () => Date, resolveHost?: ResolveHost): OutboxSenderDeps {
  return {
    db: t.runtime.db,
    now,
    mail: t.config.mail,
    messageIdDomain: 'byov.test',
    handler: outboxHandlers({ ...t.runtime, now }, undefined, resolveHost),
    holder: 'test-sender',
  };
}

export function deliverNow(t: TestApp, now: () => Date, resolveHost?: ResolveHost) {
  return sendDueMessages(integrationSender(t, now, resolveHost));
}

export function admin(t: TestApp, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: adminHeaders(),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

export async function outboxOf(t: TestApp, kindPrefix: string) {
  const rows = await t.runtime.db.kysely.selectFrom('outbox').selectAll().orderBy('id').execute();
  return rows.filter((r) => r.kind.startsWith(kindPrefix));
}

export async function attemptsOf(t: TestApp, outboxId: string) {
  return t.runtime.db.kysely
    .selectFrom('outbox_attempts')
    .selectAll()
    .where('outbox_id', '=', outboxId)
    .orderBy('attempted_at')
    .orderBy('id')
    .execute();
}

export async function auditActions(t: TestApp, enrollmentId: string | null) {
  const query = t.runtime.db.kysely.selectFrom('audit_events').selectAll().orderBy('id');
  const rows = await (enrollmentId === null
    ? query.where('enrollment_id', 'is', null)
    : query.where('enrollment_id', '=', enrollmentId)
  ).execute();
  return rows.map((r) => ({ action: r.action, actor: r.actor, details: JSON.parse(r.details) }));
}

/** A hosts file for tests: what each name resolves to, changeable between two lookups. */
export function hostsResolver(initial: Record<string, string[]> = {}) {
  const hosts = new Map(Object.entries(initial));
  const resolve: ResolveHost = async (hostname) => {
    const addresses = hosts.get(hostname);
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolve, set: (name: string, addresses: string[]) => hosts.set(name, addresses) };
}
