/** Status and compliance at a glance; colour is never the only signal, the words are always there. */
import type { Compliance, EnrollmentStatus, Progress } from '../api.js';
import { COMPLIANCE_LABELS, STATUS_LABELS } from '../labels.js';

export function StatusBadge({ status, deleted = false }: { status: EnrollmentStatus; deleted?: boolean }) {
  return (
    <span className={`badge status-${deleted ? 'deleted' : status}`}>
      {deleted ? `${STATUS_LABELS[status]} · deleted` : STATUS_LABELS[status]}
    </span>
  );
}

/** Brought over from the earlier version, and flagged for review if anything broke today's rules. */
export function ImportedBadge({ flags }: { flags: readonly unknown[] | null }) {
  return (
    <span className="badge imported" data-testid="imported-badge">
      {flags ? 'Imported · needs review' : 'Imported'}
    </span>
  );
}

export function ComplianceDot({ compliance }: { compliance: Compliance }) {
  return (
    <span className="compliance" data-compliance={compliance}>
      <span className={`dot dot-${compliance}`} aria-hidden="true" />
      {COMPLIANCE_LABELS[compliance]}
    </span>
  );
}

/** "3/6" with the full sentence for screen readers. */
export function ChecklistCount({ progress }: { progress: Progress }) {
  return (
    <span className="checklist-count">
      <span aria-hidden="true">
        {progress.done}/{progress.total}
      </span>
      <span className="visually-hidden">
        {progress.done} of {progress.total} checklist tasks done
      </span>
    </span>
  );
}
