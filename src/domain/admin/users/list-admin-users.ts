import type { Db } from '../../../storage/db.js';
import { listAdminUsers as listRows } from '../../../storage/repositories/admin-user.repository.js';
import { presentAdminUser } from './present-admin-user.js';

export async function listAdminUsers(deps: { db: Db }) {
  return { users: (await listRows(deps.db.kysely)).map(presentAdminUser) };
}
