import { AppError } from '../../../errors.js';
import type { Db } from '../../../storage/db.js';
import { findApiTokenById, revokeApiToken as revokeRow } from '../../../storage/repositories/api-token.repository.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { type ActionContext, auditActor } from '../../auth/actor.js';
import { presentApiToken } from './present-api-token.js';

/** Revokes a token at once: its next call is refused with TOKEN_REVOKED. */
export async function revokeApiToken(deps: { db: Db }, context: ActionContext, id: string) {
  return deps.db.kysely.transaction().execute(async (trx) => {
    const row = await findApiTokenById(trx, id);
    if (!row) throw new AppError('NOT_FOUND', 'No API token has this id.');
    if (!(await revokeRow(trx, id, context.now.toISOString(), context.actor.label))) {
      throw new AppError('INVALID_TRANSITION', 'This token is already revoked.');
    }
    await insertAuditEvent(trx, {
      enrollmentId: null,
      ...auditActor(context),
      action: 'api_token.revoked',
      details: { tokenId: id, name: row.name },
    });
    return presentApiToken((await findApiTokenById(trx, id)) ?? row, context.now);
  });
}
