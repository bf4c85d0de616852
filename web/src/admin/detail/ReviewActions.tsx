/**
 * What can be done with this enrollment now. Only the decisions the server would accept are
 * offered (it checks again anyway): older revisions and deleted enrollments take no decision,
 * and delete, restore and purge are shown to admins only.
 */
import { useState } from 'react';
import {
  ApiError,
  approveEnrollment,
  deleteEnrollment,
  type EnrollmentDetail,
  type EnrollmentStatus,
  purgeEnrollment,
  rejectEnrollment,
  requestChanges,
  restoreEnrollment,
} from '../api.js';
import { useAnnounce } from '../components/Notices.js';
import { useIsAdmin } from '../session.js';
import { DeleteDialog, PurgeDialog, RejectDialog, RequestChangesDialog } from './ActionDialogs.js';

const ALLOWED_FROM: Record<'approve' | 'reject' | 'requestChanges', readonly EnrollmentStatus[]> = {
  approve: ['pending', 'changes_requested', 'rejected'],
  reject: ['pending', 'changes_requested', 'approved'],
  requestChanges: ['pending', 'changes_requested', 'rejected'],
};

type OpenDialog = 'reject' | 'changes' | 'delete' | 'purge' | null;

interface Props {
  detail: EnrollmentDetail;
  onUpdated(detail: EnrollmentDetail): void;
  onPurged(): void;
}

function isNewestRevision(detail: EnrollmentDetail): boolean {
  const newest = Math.max(...detail.revisions.map((r) => r.revision), detail.enrollment.revision);
  return detail.enrollment.revision === newest;
}

export function ReviewActions({ detail, onUpdated, onPurged }: Props) {
  const { enrollment } = detail;
  const isAdmin = useIsAdmin();
  const announce = useAnnounce();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [approving, setApproving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decidable = enrollment.deletedAt === null && isNewestRevision(detail);
  const can = (action: keyof typeof ALLOWED_FROM) => decidable && ALLOWED_FROM[action].includes(enrollment.status);

  /** Dialog actions: their errors are shown inside the dialog, which stays open. */
  const finish = (message: string) => (updated: EnrollmentDetail) => {
    setDialog(null);
    setError(null);
    onUpdated(updated);
    announce(message);
  };

  const approve = async () => {
    setApproving(true);
    setError(null);
    try {
      finish('Enrollment approved.')(await approveEnrollment(enrollment.id));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Approving failed. Please try again.');
    } finally {
      setApproving(false);
    }
  };
  const restore = async () => {
    setError(null);
    try {
      finish('Enrollment restored.')(await restoreEnrollment(enrollment.id));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Restoring failed. Please try again.');
    }
  };

  return (
    <section aria-labelledby="actions-heading" className="panel actions-panel">
      <h2 id="actions-heading">Actions</h2>
      {!isNewestRevision(detail) ? (
        <p className="muted">This is an earlier revision; decisions are taken on the newest one.</p>
      ) : null}
      <div className="button-row">
        {can('approve') ? (
          <button type="button" className="button primary" disabled={approving} onClick={() => void approve()}>
            {approving ? 'Approving…' : 'Approve'}
          </button>
        ) : null}
        {can('reject') ? (
          <button type="button" className="button secondary" onClick={() => setDialog('reject')}>
            Reject…
          </button>
        ) : null}
        {can('requestChanges') ? (
          <button type="button" className="button secondary" onClick={() => setDialog('changes')}>
            Request changes…
          </button>
        ) : null}
        {isAdmin && enrollment.deletedAt === null ? (
          <button type="button" className="button secondary danger-outline" onClick={() => setDialog('delete')}>
            Delete…
          </button>
        ) : null}
        {isAdmin && enrollment.deletedAt !== null ? (
          <button type="button" className="button secondary" onClick={() => void restore()}>
            Restore
          </button>
        ) : null}
        {isAdmin ? (
          <button type="button" className="button danger" onClick={() => setDialog('purge')}>
            Purge…
          </button>
        ) : null}
      </div>
      <p role="alert" className="field-error" data-testid="action-error">
        {error}
      </p>
      <RejectDialog
        open={dialog === 'reject'}
        onClose={() => setDialog(null)}
        onReject={async (reason) => finish('Enrollment rejected.')(await rejectEnrollment(enrollment.id, reason))}
      />
      <RequestChangesDialog
        open={dialog === 'changes'}
        onClose={() => setDialog(null)}
        onRequest={async (fields, message) =>
          finish('Changes requested. Share the link with the technician.')(
            await requestChanges(enrollment.id, fields, message),
          )
        }
      />
      <DeleteDialog
        open={dialog === 'delete'}
        onClose={() => setDialog(null)}
        onDelete={async () => finish('Enrollment deleted. It can be restored for 30 days.')(await deleteEnrollment(enrollment.id))}
      />
      <PurgeDialog
        open={dialog === 'purge'}
        onClose={() => setDialog(null)}
        reference={enrollment.reference}
        onPurge={async (typed) => {
          await purgeEnrollment(enrollment.id, typed);
          setDialog(null);
          announce(`Enrollment ${enrollment.reference} purged permanently.`);
          onPurged();
        }}
      />
    </section>
  );
}
