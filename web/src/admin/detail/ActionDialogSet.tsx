/**
 * The dialogs behind the review actions, wired to the API. Each closes on success, reports the
 * outcome in the page's announcer and hands the enrollment as it now is to the page; a refusal
 * stays inside the open dialog (see ActionForm).
 */
import {
  approveEnrollment,
  deleteEnrollment,
  type Enrollment,
  type EnrollmentDetail,
  purgeEnrollment,
  rejectEnrollment,
  requestChanges,
} from '../api.js';
import { useAnnounce } from '../components/Notices.js';
import { ApproveDialog, DeleteDialog, PurgeDialog, RejectDialog, RequestChangesDialog } from './ActionDialogs.js';

export type OpenDialog = 'approve' | 'reject' | 'changes' | 'delete' | 'purge' | null;

interface Props {
  open: OpenDialog;
  enrollment: Enrollment;
  onClose(): void;
  onUpdated(detail: EnrollmentDetail): void;
  onPurged(): void;
}

export function ActionDialogSet({ open, enrollment, onClose, onUpdated, onPurged }: Props) {
  const announce = useAnnounce();
  const { id, reference } = enrollment;
  const finish = (message: string) => (updated: EnrollmentDetail) => {
    onClose();
    onUpdated(updated);
    announce(message);
  };
  return (
    <>
      <ApproveDialog
        open={open === 'approve'}
        onClose={onClose}
        enrollment={enrollment}
        onApprove={async () => finish('Enrollment approved.')(await approveEnrollment(id))}
      />
      <RejectDialog
        open={open === 'reject'}
        onClose={onClose}
        onReject={async (reason) => finish('Enrollment rejected.')(await rejectEnrollment(id, reason))}
      />
      <RequestChangesDialog
        open={open === 'changes'}
        onClose={onClose}
        onRequest={async (fields, message) =>
          finish('Changes requested. Share the link with the technician.')(await requestChanges(id, fields, message))
        }
      />
      <DeleteDialog
        open={open === 'delete'}
        onClose={onClose}
        onDelete={async () => finish('Enrollment deleted. It can be restored for 30 days.')(await deleteEnrollment(id))}
      />
      <PurgeDialog
        open={open === 'purge'}
        onClose={onClose}
        reference={reference}
        onPurge={async (typed) => {
          await purgeEnrollment(id, typed);
          onClose();
          announce(`Enrollment ${reference} purged permanently.`);
          onPurged();
        }}
      />
    </>
  );
}
