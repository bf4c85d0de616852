import type { TokenScope } from '../../shared/api-token-scopes.js';
import type { AdminRole } from '../../storage/database.js';
import type { AuditEventInput } from '../../storage/repositories/audit.repository.js';

/**
 * Who is acting: a signed-in account, a named API token, the ADMIN_TOKEN of bootstrap scripts,
 * or the `byov` CLI.
 */
export interface Actor {
  /** The account's id; null for tokens and the CLI. */
  readonly userId: string | null;
  /** What the audit trail shows: the account's email, `token:<name>`, `api-token` or `cli`. */
  readonly label: string;
  readonly role: AdminRole;
  /** Set for a named API token: what it may do is its scopes, not the role. */
  readonly token?: { readonly id: string; readonly name: string; readonly scopes: readonly TokenScope[] };
}

/** Everything an admin action records about who did it, from where and when. */
export interface ActionContext {
  readonly actor: Actor;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly now: Date;
}

/** Bootstrap scripts holding ADMIN_TOKEN act as an admin, on every route. */
export const API_TOKEN_ACTOR: Actor = { userId: null, label: 'api-token', role: 'admin' };
/** Someone with shell access to the server runs `byov admin …`. */
export const CLI_ACTOR: Actor = { userId: null, label: 'cli', role: 'admin' };

/** What each route asks of an account: `reviewer` routes are open to both roles, `admin` routes to admins. */
export type Access = 'reviewer' | 'admin';

export function roleAllows(role: AdminRole, access: Access): boolean {
  return access === 'reviewer' || role === 'admin';
}

/** The audit columns describing the actor, for `insertAuditEvent`. */
export function auditActor(context: ActionContext) {
  return {
    actor: context.actor.label,
    actorId: context.actor.userId,
    occurredAt: context.now.toISOString(),
    ip: context.ip,
    userAgent: context.userAgent,
  } satisfies Partial<AuditEventInput>;
}

/** The audit label of a named API token. */
export function tokenActorLabel(name: string): string {
  return `token:${name}`;
}
