import { AppError } from '../../../errors.js';
import type { EnrollmentRow } from '../../../storage/database.js';
import type { Db } from '../../../storage/db.js';
import { listAuditEventsOf } from '../../../storage/repositories/audit.repository.js';
import { listChecklistOf } from '../../../storage/repositories/checklist.repository.js';
import { listDocumentsOf } from '../../../storage/repositories/document.repository.js';
import { findEnrollmentById, listRevisions } from '../../../storage/repositories/enrollment.repository.js';
import { presentAuditEvent, presentDocument, presentEnrollment } from '../../enrollment/present-enrollment.js';
import { presentDashboardSync } from '../../integrations/present-dashboard-sync.js';
import { readTaskEmailSettings, sendableTasks } from '../../notifications/task-email-settings.js';
import type { VinDecoder } from '../../vin/decode-vin.js';
import { assessCompliance, calendarDate } from '../compliance.js';
import { diffRevisions } from './diff-revisions.js';
import { presentChecklist } from './present-checklist.js';
import { findVinMismatches } from './vin-mismatch.js';

export interface DetailDeps {
  db: Db;
  now: () => Date;
  /** Absent when no decoder is available: the detail then shows no decode. */
  vinDecoder?: VinDecoder;
  /** Whether the dashboard sync is configured (DASHBOARD_URL). */
  config?: { integrations: { dashboard: unknown } };
}

/**
 * One enrollment for review: every field, documents, checklist, all revisions of the technician
 * with what changed between them, the audit history, compliance, and the VIN decoded beside
 * what was entered.
 */
export async function getEnrollmentDetail(deps: DetailDeps, id: string) {
  const db = deps.db.kysely;
  const row = await findEnrollmentById(db, id);
  if (!row) throw new AppError('NOT_FOUND', 'No enrollment has this id.');
  const [documents, revisions, checklistRows, vin, dashboardSync] = await Promise.all([
    listDocumentsOf(db, id),
    listRevisions(db, row.tech_id),
    listChecklistOf(db, id),
    decodeVin(deps.vinDecoder, row),
    presentDashboardSync(db, id, deps.config?.integrations.dashboard !== undefined),
  ]);
  const history = await listAuditEventsOf(
    db,
    revisions.map((r) => r.id),
  );
  const enrollment = presentEnrollment(row);
  const checklist = presentChecklist(checklistRows, sendableTasks(await readTaskEmailSettings(db)));
  return {
    enrollment,
    documents: documents.map(presentDocument),
    ...checklist,
    compliance: assessCompliance({ ...enrollment, checklist: checklist.checklistProgress }, calendarDate(deps.now())),
    vinDecode: vin.decode,
    vinMismatch: vin.mismatch,
    revisions: revisions.map((r) => ({
      id: r.id,
      revision: r.revision,
      status: r.status,
      reference: r.reference,
      supersedesId: r.supersedes_id,
      createdAt: r.created_at,
    })),
    changes: diffRevisions(revisions),
    ...(row.status === 'changes_requested' ? { requestedChanges: presentRequestedChanges(row) } : {}),
    history: history.map(presentAuditEvent),
    dashboardSync,
  };
}

/** The link itself is shown once, when changes are requested: only a hash of its code is kept. */
function presentRequestedChanges(row: EnrollmentRow) {
  return {
    fields: JSON.parse(row.requested_fields ?? '[]') as string[],
    message: row.review_note ?? '',
    link: null as string | null,
    requestedAt: row.reviewed_at,
    requestedBy: row.reviewed_by,
  };
}

async function decodeVin(decoder: VinDecoder | undefined, row: EnrollmentRow) {
  if (!decoder) return { decode: null, mismatch: [] };
  // A decoder failure must not hide the enrollment; the review just goes without the check.
  const result = await decoder.decode(row.vin).catch(() => null);
  if (!result?.decoded) return { decode: null, mismatch: [] };
  return { decode: { ...result.decoded, source: result.source }, mismatch: findVinMismatches(row, result.decoded) };
}
