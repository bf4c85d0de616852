import type { Kysely } from 'kysely';
import type { Database, SetupTokenPurpose } from '../../storage/database.js';
import { deleteUnusedSetupTokens, insertSetupToken } from '../../storage/repositories/setup-token.repository.js';
import { hashSecretToken, newSecretToken } from './secret-token.js';

/** A setup link works once, for one hour. */
export const SETUP_LINK_TTL_MS = 60 * 60_000;

export interface SetupLink {
  link: string;
  expiresAt: string;
}

/**
 * Creates the one-time link that sets an account's password (or, for `first_admin`, creates the
 * first admin). Earlier unused links of the same account stop working. Only the hash is stored;
 * the link itself exists only in this return value.
 */
export async function issueSetupLink(
  db: Kysely<Database>,
  input: { userId: string | null; purpose: SetupTokenPurpose; now: Date; publicUrl: string },
): Promise<SetupLink> {
  const token = newSecretToken();
  const expiresAt = new Date(input.now.getTime() + SETUP_LINK_TTL_MS).toISOString();
  await deleteUnusedSetupTokens(db, input.userId);
  await insertSetupToken(db, {
    token_hash: hashSecretToken(token),
    user_id: input.userId,
    purpose: input.purpose,
    created_at: input.now.toISOString(),
    expires_at: expiresAt,
  });
  return { link: `${input.publicUrl}/admin/setup?token=${token}`, expiresAt };
}
