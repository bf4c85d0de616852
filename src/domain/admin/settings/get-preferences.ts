import { DEFAULT_LIST_COLUMNS, ListColumnsSchema } from '../../../shared/list-columns.js';
import type { Db } from '../../../storage/db.js';
import { findAdminUserById } from '../../../storage/repositories/admin-user.repository.js';
import type { Actor } from '../../auth/actor.js';

/** The list columns an account chose; the defaults until it chooses (and for the API token). */
export async function getPreferences(deps: { db: Db }, actor: Actor) {
  const user = actor.userId ? await findAdminUserById(deps.db.kysely, actor.userId) : undefined;
  const stored = user ? (JSON.parse(user.preferences) as { columns?: unknown }) : {};
  // Columns saved by an older version may no longer exist; the defaults stand in for them.
  const columns = ListColumnsSchema.safeParse(stored.columns);
  return { columns: columns.success ? columns.data : [...DEFAULT_LIST_COLUMNS] };
}
