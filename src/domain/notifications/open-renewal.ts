import type { Db } from '../../storage/db.js';
import { findEnrollmentById } from '../../storage/repositories/enrollment.repository.js';
import { openChangeDraft } from '../admin/enrollments/open-change-draft.js';
import { mintResumeLink } from './access-links.js';

/**
 * Opens a draft pre-filled from the enrollment for renewing one document: everything is kept
 * except that document's files (and the signature, as for any new revision), and returns a
 * link to it. Submitted, it is a new revision reviewed like any other.
 */
export async function openRenewal(
  db: Db,
  input: { enrollmentId: string; slot: string; now: Date; publicUrl: string; ttlDays: number },
): Promise<string | null> {
  return db.kysely.transaction().execute(async (trx) => {
    const row = await findEnrollmentById(trx, input.enrollmentId);
    if (!row || row.deleted_at) return null;
    const { draftId } = await openChangeDraft(trx, row, {
      requestedFields: [input.slot],
      now: input.now,
      ttlDays: input.ttlDays,
    });
    return mintResumeLink(trx, { draftId, now: input.now, publicUrl: input.publicUrl });
  });
}
