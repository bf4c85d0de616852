import { ENROLLMENT_FIELDS } from '../../../shared/enrollment-fields.js';
import type { EnrollmentRow } from '../../../storage/database.js';
import { presentEnrollment } from '../../enrollment/present-enrollment.js';

/**
 * The answers a technician can change between revisions, in the field table's order: all but
 * the tech ID (it names the enrollment) and the policy acknowledgement (always given).
 */
const COMPARED_FIELDS = ENROLLMENT_FIELDS.map((field) => field.key).filter(
  (key) => key !== 'techId' && key !== 'policyAcknowledged',
);

type Presented = ReturnType<typeof presentEnrollment>;
type FieldValue = Presented[(typeof COMPARED_FIELDS)[number]];

export interface RevisionChanges {
  revision: number;
  fields: { field: string; from: FieldValue; to: FieldValue }[];
}

/** For each revision after the first (oldest first in, oldest first out): the fields that changed. */
export function diffRevisions(revisions: readonly EnrollmentRow[]): RevisionChanges[] {
  const presented = revisions.map(presentEnrollment);
  const changes: RevisionChanges[] = [];
  for (let i = 1; i < presented.length; i++) {
    const before = presented[i - 1] as Presented;
    const after = presented[i] as Presented;
    const fields = COMPARED_FIELDS.filter(
      (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
    ).map((field) => ({ field, from: before[field], to: after[field] }));
    changes.push({ revision: after.revision, fields });
  }
  return changes;
}
