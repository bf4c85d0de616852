import type { ActionContext } from '../../auth/actor.js';
import { type ReviewDeps, recordReviewDecision } from './record-review-decision.js';

/**
 * Approves the newest revision. The onboarding checklist is left alone (every tick is a
 * person's confirmation); the approval itself is recorded on the enrollment and in the audit.
 */
export async function approveEnrollment(deps: ReviewDeps, context: ActionContext, id: string): Promise<void> {
  await recordReviewDecision(deps, context, id, { action: 'approve', note: null, requestedFields: null });
}
