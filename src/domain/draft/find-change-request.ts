import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';

/**
 * The admin's request for changes that opened this draft, if it did and is still the
 * enrollment's open request: the message and the fields to fix, shown at the top of the wizard.
 */
export async function findChangeRequest(
  db: Kysely<Database>,
  draftId: string,
): Promise<{ message: string; fields: string[] } | null> {
  const row = await db
    .selectFrom('enrollments')
    .select(['review_note', 'requested_fields'])
    .where('requested_draft_id', '=', draftId)
    .where('status', '=', 'changes_requested')
    .executeTakeFirst();
  if (!row) return null;
  return { message: row.review_note ?? '', fields: JSON.parse(row.requested_fields ?? '[]') as string[] };
}
