import { z } from 'zod';
import type { ActionContext } from '../../auth/actor.js';
import { parseInput } from '../../parse-input.js';
import { type ReviewDeps, recordReviewDecision } from './record-review-decision.js';

export const RejectSchema = z.object({
  reason: z
    .string('Give the reason for the rejection.')
    .trim()
    .min(1, 'Give the reason for the rejection.')
    .max(1000, 'The reason can be at most 1000 characters.'),
});

/** Rejects the newest revision; the reason is kept with the enrollment and in its history. */
export async function rejectEnrollment(deps: ReviewDeps, context: ActionContext, id: string, body: unknown) {
  const input = parseInput(RejectSchema, body ?? {}, { fallbackField: 'reason' });
  await recordReviewDecision(deps, context, id, {
    action: 'reject',
    note: input.reason,
    requestedFields: null,
  });
}
