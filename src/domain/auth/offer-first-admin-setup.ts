import type { Db } from '../../storage/db.js';
import { countUsableAdmins } from '../../storage/repositories/admin-user.repository.js';
import { issueSetupLink, type SetupLink } from './issue-setup-link.js';

/**
 * There are no built-in credentials. While no admin can sign in, each start of the server issues
 * a one-time link (valid an hour) that creates the first admin; otherwise nothing happens.
 */
export async function offerFirstAdminSetup(deps: {
  db: Db;
  now: () => Date;
  publicUrl: string;
}): Promise<SetupLink | null> {
  return deps.db.kysely.transaction().execute(async (trx) => {
    if ((await countUsableAdmins(trx)) > 0) return null;
    return issueSetupLink(trx, { userId: null, purpose: 'first_admin', now: deps.now(), publicUrl: deps.publicUrl });
  });
}
