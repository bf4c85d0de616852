import { describe, expect, it } from 'vitest';
import type { EnrollmentRow, EnrollmentStatus } from '../../../storage/database.js';
import { assertDecisionAllowed, type ReviewAction } from './review-transitions.js';

const row = (status: EnrollmentStatus, revision = 1, deleted = false) =>
  ({ status, revision, deleted_at: deleted ? '2026-01-01T00:00:00.000Z' : null }) as EnrollmentRow;

const allowed = (status: EnrollmentStatus, action: ReviewAction) => {
  try {
    assertDecisionAllowed(row(status), 1, action);
    return true;
  } catch (error) {
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION' });
    return false;
  }
};

describe('review transitions', () => {
  it('allows each decision from the statuses where it makes sense', () => {
    const table = (['pending', 'approved', 'rejected', 'changes_requested', 'superseded'] as const).map((status) => [
      status,
      allowed(status, 'approve'),
      allowed(status, 'reject'),
      allowed(status, 'request_changes'),
    ]);
    expect(table).toEqual([
      ['pending', true, true, true],
      ['approved', false, true, false],
      ['rejected', true, false, true],
      ['changes_requested', true, true, true],
      ['superseded', false, false, false],
    ]);
  });

  it('refuses decisions on an older revision or a deleted enrollment', () => {
    expect(() => assertDecisionAllowed(row('pending', 1), 2, 'approve')).toThrow(/replaced by revision 2/);
    expect(() => assertDecisionAllowed(row('pending', 1, true), 1, 'approve')).toThrow(/restore it first/);
  });
});
