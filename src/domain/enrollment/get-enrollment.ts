import type { Db } from '../../storage/db.js';
import { listAuditEventsOf } from '../../storage/repositories/audit.repository.js';
import { listChecklistOf } from '../../storage/repositories/checklist.repository.js';
import { listDocumentsOf } from '../../storage/repositories/document.repository.js';
import { findEnrollmentById, listRevisions } from '../../storage/repositories/enrollment.repository.js';
import { AppError } from '../errors.js';
import { presentAuditEvent, presentDocument, presentEnrollment } from './present-enrollment.js';

/** One enrollment with its documents, checklist, every revision of the technician, and history. */
export async function getEnrollment(deps: { db: Db }, id: string) {
  const db = deps.db.kysely;
  const row = await findEnrollmentById(db, id);
  if (!row) throw new AppError('NOT_FOUND', 'No enrollment has this id.');
  const [documents, revisions, checklist] = await Promise.all([
    listDocumentsOf(db, id),
    listRevisions(db, row.tech_id),
    listChecklistOf(db, id),
  ]);
  const history = await listAuditEventsOf(
    db,
    revisions.map((r) => r.id),
  );
  return {
    enrollment: presentEnrollment(row),
    documents: documents.map(presentDocument),
    checklist: checklist.map((t) => ({
      key: t.task_key,
      label: t.label,
      completedAt: t.completed_at,
      completedBy: t.completed_by,
    })),
    revisions: revisions.map((r) => ({
      id: r.id,
      revision: r.revision,
      status: r.status,
      reference: r.reference,
      supersedesId: r.supersedes_id,
      createdAt: r.created_at,
    })),
    history: history.map(presentAuditEvent),
  };
}
