import { AppError } from '../../../errors.js';
import type { AuditAction } from '../../../shared/audit-actions.js';
import type { Db } from '../../../storage/db.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { deleteDraft } from '../../../storage/repositories/draft.repository.js';
import { findEnrollmentById, findLatestRevision } from '../../../storage/repositories/enrollment.repository.js';
import { recordDecision, supersedeApprovedBefore } from '../../../storage/repositories/enrollment-admin.repository.js';
import { type ActionContext, auditActor } from '../../auth/actor.js';
import { enqueueDashboardSync } from '../../integrations/enqueue-dashboard-sync.js';
import { enqueueWebhookEvent } from '../../integrations/webhooks/enqueue-webhook-event.js';
import { enrollmentEventData } from '../../integrations/webhooks/webhook-events.js';
import { enqueueDecisionMessage } from '../../notifications/enqueue-decision-message.js';
import { openChangeDraft } from './open-change-draft.js';
import { assertDecisionAllowed, RESULTING_STATUS, type ReviewAction } from './review-transitions.js';

export interface ReviewDeps {
  db: Db;
  publicUrl: string;
  /** How long the draft opened for requested changes lives (DRAFT_TTL_DAYS). */
  draftTtlDays: number;
  /** True when DASHBOARD_URL is set: an approval then queues the dashboard sync. */
  dashboardSync?: boolean;
}

export interface Decision {
  action: ReviewAction;
  note: string | null;
  requestedFields: string[] | null;
}

const AUDIT_ACTION = {
  approve: 'enrollment.approved',
  reject: 'enrollment.rejected',
  request_changes: 'enrollment.changes_requested',
} as const satisfies Record<ReviewAction, AuditAction>;

/**
 * Takes a review decision in one transaction with its audit event. Approving a revision makes
 * the approval it replaces history. Requesting changes opens a pre-filled draft and returns
 * the link to it for the technician (the wizard's `/?resume=<code>`).
 */
export async function recordReviewDecision(
  deps: ReviewDeps,
  context: ActionContext,
  id: string,
  decision: Decision,
): Promise<{ link: string | null }> {
  const at = context.now.toISOString();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const row = await findEnrollmentById(trx, id);
    if (!row) throw new AppError('NOT_FOUND', 'No enrollment has this id.');
    const newest = await findLatestRevision(trx, row.tech_id);
    assertDecisionAllowed(row, newest?.revision ?? row.revision, decision.action);
    // A new decision closes the earlier request for changes: its draft (and link) goes.
    if (row.requested_draft_id) await deleteDraft(trx, row.requested_draft_id);
    const draft =
      decision.action === 'request_changes'
        ? await openChangeDraft(trx, row, {
            requestedFields: decision.requestedFields ?? [],
            now: context.now,
            ttlDays: deps.draftTtlDays,
          })
        : null;
    const recorded = await recordDecision(trx, id, row.status, {
      to: RESULTING_STATUS[decision.action],
      at,
      by: context.actor.label,
      note: decision.note,
      requestedFields: decision.requestedFields,
      requestedDraftId: draft?.draftId ?? null,
    });
    if (!recorded) {
      throw new AppError('INVALID_TRANSITION', 'This enrollment changed meanwhile; reload it and decide again.');
    }
    if (decision.action === 'approve') await supersedeApprovedBefore(trx, row.tech_id, row.revision, at);
    if (decision.action === 'approve' && deps.dashboardSync) await enqueueDashboardSync(trx, row, context.now);
    await enqueueDecisionMessage(trx, row, { ...decision, draftId: draft?.draftId ?? null, at: context.now });
    await enqueueWebhookEvent(
      trx,
      AUDIT_ACTION[decision.action],
      enrollmentEventData(row, RESULTING_STATUS[decision.action]),
      {
        at: context.now,
        enrollmentId: id,
      },
    );
    await insertAuditEvent(trx, {
      enrollmentId: id,
      ...auditActor(context),
      action: AUDIT_ACTION[decision.action],
      details: {
        from: row.status,
        ...(decision.note === null ? {} : { note: decision.note }),
        ...(decision.requestedFields === null ? {} : { fields: decision.requestedFields }),
      },
    });
    return { link: draft ? `${deps.publicUrl}/?resume=${draft.resumeCode}` : null };
  });
}
