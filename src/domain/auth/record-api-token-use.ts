import type { Db } from '../../storage/db.js';
import { touchApiToken } from '../../storage/repositories/api-token.repository.js';
import { insertAuditEvent } from '../../storage/repositories/audit.repository.js';
import { type ActionContext, auditActor } from './actor.js';

export interface TokenCall {
  method: string;
  /** The route's pattern (`/api/admin/enrollments/:id`), not the address with its values. */
  route: string;
  status: number;
}

/** Every call made with a named token: its last-used time and an audit row under its name. */
export async function recordApiTokenUse(deps: { db: Db }, context: ActionContext, call: TokenCall): Promise<void> {
  const token = context.actor.token;
  if (!token) return;
  await deps.db.kysely.transaction().execute(async (trx) => {
    await touchApiToken(trx, token.id, context.now.toISOString());
    await insertAuditEvent(trx, {
      enrollmentId: null,
      ...auditActor(context),
      action: 'api_token.used',
      details: { tokenId: token.id, ...call },
    });
  });
}
