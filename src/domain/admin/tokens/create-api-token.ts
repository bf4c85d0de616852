import { z } from 'zod';
import { AppError } from '../../../errors.js';
import { MAX_TOKEN_DAYS, TOKEN_SCOPES } from '../../../shared/api-token-scopes.js';
import type { Db } from '../../../storage/db.js';
import { isUniqueViolation } from '../../../storage/errors.js';
import { newId } from '../../../storage/ids.js';
import type { ApiTokenRow } from '../../../storage/repositories/api-token.repository.js';
import {
  countLiveApiTokens,
  findApiTokenById,
  insertApiToken,
} from '../../../storage/repositories/api-token.repository.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { type ActionContext, auditActor } from '../../auth/actor.js';
import { hashSecretToken, newSecretToken } from '../../auth/secret-token.js';
import { parseInput } from '../../parse-input.js';
import { presentApiToken } from './present-api-token.js';

/** Tokens are told apart from ADMIN_TOKEN and from other secrets (in a leak scanner, say) by this. */
export const API_TOKEN_PREFIX = 'byov_';

/** More live tokens than this is a sign of scripts minting tokens in a loop. */
export const MAX_LIVE_TOKENS = 100;

export const CreateApiTokenSchema = z.object({
  name: z
    .string({ error: 'Give the token a name.' })
    .trim()
    .min(1, { error: 'Give the token a name.' })
    .max(60, { error: 'A token name has at most 60 characters.' })
    .regex(/^[\p{L}\p{N} ._-]+$/u, {
      error: 'A token name uses letters, digits, spaces, dots, dashes and underscores.',
    }),
  scopes: z
    .array(z.enum(TOKEN_SCOPES, { error: `Scopes are ${TOKEN_SCOPES.join(', ')}.` }), {
      error: 'Choose the token’s scopes.',
    })
    .min(1, { error: 'Choose at least one scope.' })
    .refine((list) => new Set(list).size === list.length, { error: 'Name each scope once.' }),
  expiresInDays: z
    .number({ error: 'Say in how many days the token expires.' })
    .int({ error: 'Say in how many whole days the token expires.' })
    .min(1, { error: 'A token lives at least one day.' })
    .max(MAX_TOKEN_DAYS, { error: `A token lives at most ${MAX_TOKEN_DAYS} days.` }),
});

/**
 * Creates a named token and returns its secret: the only time it is shown, since only its
 * SHA-256 is kept. The secret is never logged; the audit row names the token, not the secret.
 */
export async function createApiToken(deps: { db: Db }, context: ActionContext, body: unknown) {
  const input = parseInput(CreateApiTokenSchema, body, { fieldDepth: 1 });
  const secret = `${API_TOKEN_PREFIX}${newSecretToken()}`;
  const id = newId(context.now.getTime());
  const nowIso = context.now.toISOString();
  const expiresAt = new Date(context.now.getTime() + input.expiresInDays * 86_400_000).toISOString();
  try {
    return await deps.db.kysely.transaction().execute(async (trx) => {
      if ((await countLiveApiTokens(trx, nowIso)) >= MAX_LIVE_TOKENS) {
        throw new AppError('TOO_MANY_TOKENS', `At most ${MAX_LIVE_TOKENS} API tokens can be live; revoke one first.`);
      }
      await insertApiToken(trx, {
        id,
        name: input.name,
        token_hash: hashSecretToken(secret),
        token_prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
        scopes: JSON.stringify(input.scopes),
        created_at: nowIso,
        created_by: context.actor.label,
        expires_at: expiresAt,
        last_used_at: null,
        revoked_at: null,
        revoked_by: null,
      });
      await insertAuditEvent(trx, {
        enrollmentId: null,
        ...auditActor(context),
        action: 'api_token.created',
        details: { tokenId: id, name: input.name, scopes: input.scopes, expiresAt },
      });
      const row = (await findApiTokenById(trx, id)) as ApiTokenRow;
      return { token: presentApiToken(row, context.now), secret };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('VALIDATION_FAILED', 'A token with this name exists; choose another name.', {
        field: 'name',
      });
    }
    throw error;
  }
}
