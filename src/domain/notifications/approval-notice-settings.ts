import type { Kysely } from 'kysely';
import { z } from 'zod';
import { unknownPlaceholders } from '../../mail/fill-template.js';
import { ENROLLMENT_FIELDS } from '../../shared/enrollment-fields.js';
import type { Database } from '../../storage/database.js';
import { readSetting } from '../../storage/repositories/settings.repository.js';
import { ENROLLMENT_PLACEHOLDERS } from './mail-placeholders.js';

export const APPROVAL_NOTICE_SETTINGS_KEY = 'notifications.approval';

/** The kinds of document an approval notification may attach. */
export const APPROVAL_DOCUMENTS = ['signed_policy', 'photos', 'insurance', 'registration'] as const;
export type ApprovalDocument = (typeof APPROVAL_DOCUMENTS)[number];

/** Fields an admin may choose: every field of the table but the consent box. */
export const APPROVAL_FIELD_KEYS = ENROLLMENT_FIELDS.filter((f) => f.type !== 'consent').map((f) => f.key);

export const DEFAULT_APPROVAL_SUBJECT = '[{program}] Enrollment approved: {name} (Tech ID {techId})';

const Address = z.email('Each recipient must be an e-mail address.').max(254);

/** A subject template: one line, bounded, and only the placeholders it can be filled with. */
export function subjectTemplate(known: readonly string[]) {
  return z
    .string('Write a subject.')
    .trim()
    .min(1, 'Write a subject.')
    .max(300, 'A subject template has at most 300 characters.')
    .refine((value) => !/[\r\n]/.test(value), 'A subject is one line.')
    .superRefine((value, ctx) => {
      const unknown = unknownPlaceholders(value, known);
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `Unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}; use ${known.map((k) => `{${k}}`).join(' ')}.`,
        });
      }
    });
}

/**
 * Who is told when an enrollment is approved, and what the message carries: the fields chosen
 * from the field table, the documents attached, and the subject (the earlier "Approval
 * Notifications" tab). Stored under `notifications.approval`.
 */
export const ApprovalNoticeSettingsSchema = z.strictObject({
  enabled: z.boolean('enabled must be true or false.').default(false),
  recipients: z.array(Address).max(20, 'At most 20 recipients.').default([]),
  fields: z
    .array(z.enum(APPROVAL_FIELD_KEYS as [string, ...string[]], 'Choose fields from the list.'))
    .refine((list) => new Set(list).size === list.length, 'Choose each field once.')
    .default([
      'fullName',
      'techId',
      'district',
      'state',
      'year',
      'make',
      'model',
      'vin',
      'insuranceExpiration',
      'registrationExpiration',
    ]),
  documents: z
    .array(z.enum(APPROVAL_DOCUMENTS, 'Choose documents from the list.'))
    .refine((list) => new Set(list).size === list.length, 'Choose each document once.')
    .default(['signed_policy']),
  subject: subjectTemplate(ENROLLMENT_PLACEHOLDERS).default(DEFAULT_APPROVAL_SUBJECT),
});

export type ApprovalNoticeSettings = z.infer<typeof ApprovalNoticeSettingsSchema>;

export async function readApprovalNoticeSettings(db: Kysely<Database>): Promise<ApprovalNoticeSettings> {
  const parsed = ApprovalNoticeSettingsSchema.safeParse((await readSetting(db, APPROVAL_NOTICE_SETTINGS_KEY)) ?? {});
  return parsed.success ? parsed.data : ApprovalNoticeSettingsSchema.parse({});
}

/** Whether a stored document is of a kind the settings attach. */
export function isChosenDocument(category: string, chosen: readonly ApprovalDocument[]): boolean {
  if (category.startsWith('vehicle_')) return chosen.includes('photos');
  return (chosen as readonly string[]).includes(category);
}
