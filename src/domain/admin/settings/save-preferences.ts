import { z } from 'zod';
import { AppError } from '../../../errors.js';
import { ListColumnsSchema } from '../../../shared/list-columns.js';
import type { Db } from '../../../storage/db.js';
import { findAdminUserById, updateAdminUser } from '../../../storage/repositories/admin-user.repository.js';
import type { ActionContext } from '../../auth/actor.js';
import { parseInput } from '../../parse-input.js';

export const PreferencesSchema = z.strictObject({ columns: ListColumnsSchema });

/** Stores the list columns of the signed-in account, on the server so they follow it everywhere. */
export async function savePreferences(deps: { db: Db }, context: ActionContext, body: unknown) {
  const userId = context.actor.userId;
  if (!userId) throw new AppError('FORBIDDEN', 'Preferences belong to a signed-in account, not to the API token.');
  const input = parseInput(PreferencesSchema, body ?? {}, { fieldDepth: 1, fallbackField: 'columns' });
  const db = deps.db.kysely;
  const user = await findAdminUserById(db, userId);
  if (!user) throw new AppError('NOT_FOUND', 'This account no longer exists.');
  const preferences = { ...(JSON.parse(user.preferences) as object), columns: input.columns };
  await updateAdminUser(db, userId, { preferences: JSON.stringify(preferences) }, context.now.toISOString());
  return { columns: input.columns };
}
