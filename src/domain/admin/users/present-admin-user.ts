import type { AdminUserRow } from '../../../storage/database.js';
import { presentSessionUser } from '../../auth/session.js';

/** An account as the users screen shows it; never its password hash or preferences. */
export function presentAdminUser(row: AdminUserRow) {
  return {
    ...presentSessionUser(row),
    disabled: row.disabled === 1,
    /** False until the account's setup link has been used. */
    passwordSet: row.password_hash !== null,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}
