/**
 * One enrollment for review: status and compliance up top with the actions, then every field,
 * the VIN check, the checklist, the documents, the revisions with their changes, and the audit
 * history. Every action answers with the enrollment as it now is, which replaces what is shown.
 */
import { useState } from 'react';
import { type EnrollmentDetail, getEnrollment } from '../api.js';
import { ChecklistCount, ComplianceDot, StatusBadge } from '../components/Badges.js';
import { ErrorNotice, Loading } from '../components/Notices.js';
import { ActionDialogSet, type OpenDialog } from '../detail/ActionDialogSet.js';
import { AuditHistory } from '../detail/AuditHistory.js';
import { ChecklistPanel } from '../detail/ChecklistPanel.js';
import { DangerZone } from '../detail/DangerZone.js';
import { DashboardSyncPanel } from '../detail/DashboardSyncPanel.js';
import { DocumentsPanel } from '../detail/DocumentsPanel.js';
import { EnrollmentFields } from '../detail/EnrollmentFields.js';
import { ImportedPanel } from '../detail/ImportedPanel.js';
import { RequestedChangesPanel } from '../detail/RequestedChangesPanel.js';
import { ReviewActions } from '../detail/ReviewActions.js';
import { RevisionHistory } from '../detail/RevisionHistory.js';
import { VinCheck } from '../detail/VinCheck.js';
import { formatDateTime } from '../format.js';
import { usePageTitle } from '../page-title.js';
import { Link, navigate } from '../router.js';
import { useIsAdmin } from '../session.js';
import { useResource } from '../use-resource.js';

function Summary({ detail }: { detail: EnrollmentDetail }) {
  const { enrollment } = detail;
  return (
    <div className="detail-summary">
      <StatusBadge status={enrollment.status} deleted={enrollment.deletedAt !== null} />
      <ComplianceDot compliance={detail.compliance} />
      <span>
        Checklist <ChecklistCount progress={detail.checklistProgress} />
      </span>
      <span className="muted">
        {enrollment.reference} · revision {enrollment.revision} · tech ID {enrollment.techId} · submitted{' '}
        {formatDateTime(enrollment.createdAt)}
      </span>
    </div>
  );
}

interface BodyProps {
  detail: EnrollmentDetail;
  onUpdated(detail: EnrollmentDetail): void;
  /** Loads the whole enrollment again, for what a partial answer does not carry (history, compliance). */
  onRefresh(): void;
}

function DetailBody({ detail, onUpdated, onRefresh }: BodyProps) {
  const [shareLink, setShareLink] = useState<string | null>(null);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const isAdmin = useIsAdmin();
  const { enrollment } = detail;
  const update = (next: EnrollmentDetail) => {
    if (next.requestedChanges?.link) setShareLink(next.requestedChanges.link);
    onUpdated(next);
  };
  return (
    <>
      <Summary detail={detail} />
      {enrollment.deletedAt ? (
        <p className="notice warning">
          <span>
            Deleted {formatDateTime(enrollment.deletedAt)} by {enrollment.deletedBy ?? 'unknown'}. It can be restored
            for 30 days after that.
          </span>
        </p>
      ) : null}
      <ReviewActions detail={detail} onUpdated={update} onOpen={setDialog} />
      <ActionDialogSet
        open={dialog}
        enrollment={enrollment}
        onClose={() => setDialog(null)}
        onUpdated={update}
        onPurged={() => navigate('/admin/enrollments')}
      />
      <ImportedPanel enrollment={enrollment} />
      {detail.requestedChanges ? <RequestedChangesPanel requested={detail.requestedChanges} link={shareLink} /> : null}
      <div className="detail-columns">
        <EnrollmentFields enrollment={enrollment} />
        <div>
          <VinCheck enrollment={enrollment} decode={detail.vinDecode} mismatch={detail.vinMismatch} />
          <ChecklistPanel
            enrollmentId={enrollment.id}
            state={detail}
            disabled={enrollment.deletedAt !== null}
            onSent={onRefresh}
            onChange={(checklist) => {
              onUpdated({ ...detail, ...checklist });
              onRefresh();
            }}
          />
          <DashboardSyncPanel
            enrollmentId={enrollment.id}
            approved={enrollment.status === 'approved' && enrollment.deletedAt === null}
            state={detail.dashboardSync}
            onRetried={onRefresh}
          />
        </div>
      </div>
      <DocumentsPanel documents={detail.documents} reference={enrollment.reference} />
      <RevisionHistory detail={detail} />
      <AuditHistory events={detail.history} />
      {isAdmin ? <DangerZone deleted={enrollment.deletedAt !== null} onOpen={setDialog} /> : null}
    </>
  );
}

export function EnrollmentDetailPage({ id }: { id: string }) {
  const detail = useResource(() => getEnrollment(id), id);
  const name = detail.data?.enrollment.fullName;
  usePageTitle(name ? `${name} · Enrollment` : 'Enrollment');
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/enrollments">← All enrollments</Link>
      </p>
      <h1 tabIndex={-1}>{name ?? 'Enrollment'}</h1>
      <ErrorNotice error={detail.error} onRetry={detail.error?.isNotFound ? undefined : detail.reload} />
      {detail.data ? (
        <DetailBody detail={detail.data} onUpdated={detail.setData} onRefresh={detail.reload} />
      ) : detail.loading ? (
        <Loading what="the enrollment" />
      ) : null}
    </>
  );
}
