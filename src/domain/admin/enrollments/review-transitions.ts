import { AppError } from '../../../errors.js';
import type { EnrollmentRow, EnrollmentStatus } from '../../../storage/database.js';

export type ReviewAction = 'approve' | 'reject' | 'request_changes';

/**
 * Which statuses each decision may be taken from. A decision can be revised (approve after a
 * rejection, reject an approval that turned out wrong); asking again for changes replaces the
 * earlier request. An approved enrollment is not sent back for changes: the technician simply
 * resubmits, and the approval stays in effect until the new revision is reviewed.
 */
const ALLOWED_FROM: Record<ReviewAction, readonly EnrollmentStatus[]> = {
  approve: ['pending', 'changes_requested', 'rejected'],
  reject: ['pending', 'changes_requested', 'approved'],
  request_changes: ['pending', 'changes_requested', 'rejected'],
};

export const RESULTING_STATUS: Record<ReviewAction, EnrollmentStatus> = {
  approve: 'approved',
  reject: 'rejected',
  request_changes: 'changes_requested',
};

const VERB: Record<ReviewAction, string> = {
  approve: 'approved',
  reject: 'rejected',
  request_changes: 'sent back for changes',
};

/**
 * Refuses a decision that does not apply: only the newest revision of a technician's enrollment
 * is reviewed (older ones are history), a deleted one must be restored first, and the status
 * must allow it.
 */
export function assertDecisionAllowed(row: EnrollmentRow, newestRevision: number, action: ReviewAction): void {
  if (row.deleted_at !== null) {
    throw new AppError('INVALID_TRANSITION', 'This enrollment is deleted; restore it first.');
  }
  if (row.revision < newestRevision || row.status === 'superseded') {
    throw new AppError(
      'INVALID_TRANSITION',
      `Revision ${row.revision} has been replaced by revision ${newestRevision}; review the newest revision.`,
    );
  }
  if (!ALLOWED_FROM[action].includes(row.status)) {
    const status = row.status.replace('_', ' ');
    throw new AppError('INVALID_TRANSITION', `An enrollment that is ${status} cannot be ${VERB[action]}.`);
  }
}
