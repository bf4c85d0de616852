import type { Kysely } from 'kysely';
import type { Database, EnrollmentRow } from '../../storage/database.js';
import { enqueueApprovalMessages } from './enqueue-approval-messages.js';
import { enqueueEmail, technicianLanguage } from './enqueue-submission-messages.js';

export interface DecisionFacts {
  action: 'approve' | 'reject' | 'request_changes';
  note: string | null;
  requestedFields: readonly string[] | null;
  /** The draft opened for requested changes. */
  draftId: string | null;
  at: Date;
}

/**
 * The technician's e-mail about a review decision, queued in the decision's transaction; an
 * approval also queues the approval notification and the checklist e-mails sent on approval.
 */
export async function enqueueDecisionMessage(
  trx: Kysely<Database>,
  row: EnrollmentRow,
  decision: DecisionFacts,
): Promise<void> {
  const base = { to: [row.email], enrollmentId: row.id, at: decision.at };
  const who = {
    enrollmentId: row.id,
    reference: row.reference,
    fullName: row.full_name,
    language: technicianLanguage(row.language),
  };
  if (decision.action === 'approve') {
    await enqueueEmail(trx, 'email.approval', { ...base, payload: { ...who, reason: null } });
    await enqueueApprovalMessages(trx, row, decision.at);
  } else if (decision.action === 'reject') {
    await enqueueEmail(trx, 'email.rejection', { ...base, payload: { ...who, reason: decision.note } });
  } else if (decision.draftId) {
    const draft = await trx
      .selectFrom('drafts')
      .select('expires_at')
      .where('id', '=', decision.draftId)
      .executeTakeFirstOrThrow();
    await enqueueEmail(trx, 'email.change_request', {
      ...base,
      payload: {
        ...who,
        message: decision.note ?? '',
        fields: [...(decision.requestedFields ?? [])],
        draftId: decision.draftId,
        draftExpiresAt: draft.expires_at,
      },
    });
  }
}
