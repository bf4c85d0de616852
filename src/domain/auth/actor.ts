import type { AdminRole } from '../../storage/database.js';
import type { AuditEventInput } from '../../storage/repositories/audit.repository.js';

/** Who is acting: a signed-in account, the API token of scripts, or the `byov` CLI. */
export interface Actor {
  /** The account's id; null for the API token and the CLI. */
  readonly userId: string | null;
  /** What the audit trail shows: the account's email, `api-token` or `cli`. */
  readonly label: string;
  readonly role: AdminRole;
}

/** Everything an admin action records about who did it, from where and when. */
export interface ActionContext {
  readonly actor: Actor;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly now: Date;
}

/** Scripts holding ADMIN_TOKEN act as an admin. */
export const API_TOKEN_ACTOR: Actor = { userId: null, label: 'api-token', role: 'admin' };
/** Someone with shell access to the server runs `byov admin …`. */
export const CLI_ACTOR: Actor = { userId: null, label: 'cli', role: 'admin' };

/** What each route asks for: `reviewer` routes are open to both roles, `admin` routes to admins. */
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
