import type { Db } from '../../../storage/db.js';
import { readChecklistDefinition } from '../../../storage/repositories/checklist.repository.js';

/** The onboarding tasks new enrollments get (the built-in six until an admin changes them). */
export async function getChecklistSettings(deps: { db: Db }) {
  return { tasks: await readChecklistDefinition(deps.db.kysely) };
}
