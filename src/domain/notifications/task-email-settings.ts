import type { Kysely } from 'kysely';
import { z } from 'zod';
import { unknownPlaceholders } from '../../mail/fill-template.js';
import type { Database } from '../../storage/database.js';
import { readSetting } from '../../storage/repositories/settings.repository.js';
import { subjectTemplate } from './approval-notice-settings.js';
import { ENROLLMENT_PLACEHOLDERS } from './mail-placeholders.js';

export const TASK_EMAIL_SETTINGS_KEY = 'notifications.tasks';

/** The task whose e-mail is the HR policy e-mail: sent on approval, it ticks itself. */
export const HR_POLICY_TASK = 'policy_hr';

/** Placeholders of a task's templates: the enrollment's and the task's label. */
export const TASK_PLACEHOLDERS = [...ENROLLMENT_PLACEHOLDERS, 'task'] as const;

const Address = z.email('Each recipient must be an e-mail address.').max(254);

export const TaskEmailSchema = z.strictObject({
  recipients: z.array(Address).max(20, 'At most 20 recipients.').default([]),
  subject: subjectTemplate(TASK_PLACEHOLDERS).default('[{program}] {task}: {name} (Tech ID {techId})'),
  intro: z
    .string('Write the opening text.')
    .max(2000, 'The opening text has at most 2000 characters.')
    .superRefine((value, ctx) => {
      const unknown = unknownPlaceholders(value, TASK_PLACEHOLDERS);
      if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `Unknown placeholder {${unknown[0]}}.` });
    })
    .default(''),
  attachSignedPolicy: z.boolean().default(false),
  /** Queued with the approval, in its transaction. */
  onApproval: z.boolean().default(false),
  /** Delivery ticks the task, recorded as done by the system. */
  completesTask: z.boolean().default(false),
});

export type TaskEmail = z.infer<typeof TaskEmailSchema>;

/**
 * E-mails belonging to checklist tasks, by task key (the earlier per-task recipients and
 * "Send" buttons). The HR policy e-mail is the `policy_hr` task's: by default it attaches the
 * signed policy, goes out on approval and ticks the task once delivered, as soon as it has
 * recipients. Stored under `notifications.tasks`.
 */
export const TaskEmailSettingsSchema = z.strictObject({
  tasks: z
    .record(
      z.string().regex(/^[a-z0-9_]{1,40}$/, 'A task key is 1-40 lower-case letters, digits or underscores.'),
      TaskEmailSchema,
    )
    .refine((tasks) => Object.keys(tasks).length <= 30, 'At most 30 task e-mails.')
    .default({
      [HR_POLICY_TASK]: {
        recipients: [],
        subject: '[{program}] Signed vehicle policy: {name} (Tech ID {techId})',
        intro:
          'Please find attached the signed vehicle policy of {name} (Tech ID {techId}, {district}), approved for the program.',
        attachSignedPolicy: true,
        onApproval: true,
        completesTask: true,
      },
    }),
});

export type TaskEmailSettings = z.infer<typeof TaskEmailSettingsSchema>;

export async function readTaskEmailSettings(db: Kysely<Database>): Promise<TaskEmailSettings> {
  const parsed = TaskEmailSettingsSchema.safeParse((await readSetting(db, TASK_EMAIL_SETTINGS_KEY)) ?? {});
  return parsed.success ? parsed.data : TaskEmailSettingsSchema.parse({});
}

/** The task keys that have an e-mail that can be sent now (it has recipients). */
export function sendableTasks(settings: TaskEmailSettings): Set<string> {
  return new Set(
    Object.entries(settings.tasks)
      .filter(([, t]) => t.recipients.length > 0)
      .map(([key]) => key),
  );
}
