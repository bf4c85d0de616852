import { z } from 'zod';
import { makeEnrollmentSchema } from '../../../shared/enrollment.schema.js';
import { UPLOAD_SLOTS } from '../../../shared/upload-slots.js';
import type { ActionContext } from '../../auth/actor.js';
import { parseInput } from '../../parse-input.js';
import { type ReviewDeps, recordReviewDecision } from './record-review-decision.js';

/** What a technician can be asked to change: any form field or any upload slot. */
export const REQUESTABLE_FIELDS: readonly string[] = [
  ...Object.keys(makeEnrollmentSchema({ today: '2000-01-01', currentYear: 2000 }).shape),
  ...Object.keys(UPLOAD_SLOTS),
];

export const RequestChangesSchema = z.object({
  fields: z
    .array(z.string().refine((f) => REQUESTABLE_FIELDS.includes(f), 'Unknown field in the list of fields to change.'))
    .max(REQUESTABLE_FIELDS.length)
    .refine((list) => new Set(list).size === list.length, 'Name each field once.')
    .default([]),
  message: z
    .string('Write a message telling the technician what to change.')
    .trim()
    .min(1, 'Write a message telling the technician what to change.')
    .max(2000, 'The message can be at most 2000 characters.'),
});

/**
 * Sends the newest revision back to the technician with the fields to change and a message.
 * The status becomes `changes_requested`; the returned link (to a draft pre-filled from the
 * enrollment) is what the admin shares with the technician.
 */
export async function requestChanges(deps: ReviewDeps, context: ActionContext, id: string, body: unknown) {
  const input = parseInput(RequestChangesSchema, body ?? {}, { fieldDepth: 1, fallbackField: 'message' });
  return recordReviewDecision(deps, context, id, {
    action: 'request_changes',
    note: input.message,
    requestedFields: input.fields,
  });
}
