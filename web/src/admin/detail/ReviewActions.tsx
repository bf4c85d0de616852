/**
 * What can be done with this enrollment now. Only the decisions the server would accept are
 * offered (it checks again anyway): older revisions and deleted enrollments take no decision,
 * and delete, restore and purge are shown to admins only. Approve asks first, in a dialog that
 * names the technician, like every other decision.
 */
import { useState } from 'react';
import { ApiError, type EnrollmentDetail, type EnrollmentStatus, restoreEnrollment } from '../api.js';
import { useAnnounce } from '../components/Notices.js';
import { useIsAdmin } from '../session.js';
import type { OpenDialog } from './ActionDialogSet.js';

const ALLOWED_FROM: Record<'approve' | 'reject' | 'requestChanges', readonly EnrollmentStatus[]> = {
  approve: ['pending', 'changes_requested', 'rejected'],
  reject: ['pending', 'changes_requested', 'approved'],
  requestChanges: ['pending', 'changes_requested', 'rejected'],
};

interface Props {
  detail: EnrollmentDetail;
  onUpdated(detail: EnrollmentDetail): void;
  /** Opens one of the page's action dialogs (see ActionDialogSet). */
  onOpen(dialog: OpenDialog): void;
}

function isNewestRevision(detail: EnrollmentDetail): boolean {
  const newest = Math.max(...detail.revisions.map((r) => r.revision), detail.enrollment.revision);
  return detail.enrollment.revision === newest;
}

/** Runs a one-click action (restore): busy while it runs, the server's refusal kept to show. */
function useDirectAction(onUpdated: Props['onUpdated']) {
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<EnrollmentDetail>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      onUpdated(await action());
      announce(done);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'The action failed. Please try again.');
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

export function ReviewActions({ detail, onUpdated, onOpen }: Props) {
  const { enrollment } = detail;
  const isAdmin = useIsAdmin();
  const direct = useDirectAction(onUpdated);
  const decidable = enrollment.deletedAt === null && isNewestRevision(detail);
  const can = (action: keyof typeof ALLOWED_FROM) => decidable && ALLOWED_FROM[action].includes(enrollment.status);
  const deleted = enrollment.deletedAt !== null;

  return (
    <section aria-labelledby="actions-heading" className="panel actions-panel">
      <h2 id="actions-heading">Actions</h2>
      {!isNewestRevision(detail) ? (
        <p className="muted">This is an earlier revision; decisions are taken on the newest one.</p>
      ) : null}
      <div className="button-row">
        {can('approve') ? <DialogButton label="Approve…" primary onOpen={() => onOpen('approve')} /> : null}
        {can('reject') ? <DialogButton label="Reject…" onOpen={() => onOpen('reject')} /> : null}
        {can('requestChanges') ? <DialogButton label="Request changes…" onOpen={() => onOpen('changes')} /> : null}
        {isAdmin && deleted ? (
          <button
            type="button"
            className="button secondary"
            disabled={direct.busy}
            onClick={() => void direct.run(() => restoreEnrollment(enrollment.id), 'Enrollment restored.')}
          >
            Restore
          </button>
        ) : null}
      </div>
      <p role="alert" className="field-error" data-testid="action-error">
        {direct.error}
      </p>
    </section>
  );
}

export function DialogButton(props: { label: string; danger?: boolean; primary?: boolean; onOpen(): void }) {
  const style = props.primary
    ? 'button primary'
    : props.danger
      ? 'button secondary danger-outline'
      : 'button secondary';
  return (
    <button type="button" className={style} onClick={props.onOpen}>
      {props.label}
    </button>
  );
}
