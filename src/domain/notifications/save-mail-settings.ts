import type { z } from 'zod';
import { AppError } from '../../errors.js';
import type { Db } from '../../storage/db.js';
import { insertAuditEvent } from '../../storage/repositories/audit.repository.js';
import { writeSetting } from '../../storage/repositories/settings.repository.js';
import { type ActionContext, auditActor } from '../auth/actor.js';
import { parseInput } from '../parse-input.js';
import { APPROVAL_NOTICE_SETTINGS_KEY, ApprovalNoticeSettingsSchema } from './approval-notice-settings.js';
import { TASK_EMAIL_SETTINGS_KEY, TaskEmailSettingsSchema } from './task-email-settings.js';

/**
 * Parses a settings body or answers 400 naming the first field in error (its path, `depth`
 * parts deep, such as `tasks.policy_hr.recipients`); nothing is saved.
 */
export function parseSettings<S extends z.ZodType>(schema: S, body: unknown, fallbackField: string, depth = 1) {
  return parseInput(schema, body ?? {}, { fieldDepth: depth, fallbackField });
}

/** Saves the approval notification's settings, with an audit event in the same transaction. */
export async function saveApprovalNoticeSettings(deps: { db: Db }, context: ActionContext, body: unknown) {
  const settings = parseSettings(ApprovalNoticeSettingsSchema, body, 'recipients');
  if (settings.enabled && settings.recipients.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'Add at least one recipient, or turn the notification off.', {
      field: 'recipients',
    });
  }
  await deps.db.kysely.transaction().execute(async (trx) => {
    await writeSetting(trx, APPROVAL_NOTICE_SETTINGS_KEY, settings, context.now.toISOString());
    await insertAuditEvent(trx, {
      enrollmentId: null,
      ...auditActor(context),
      action: 'settings.approval_notice_updated',
      details: {
        enabled: settings.enabled,
        recipientCount: settings.recipients.length,
        fields: settings.fields,
        documents: settings.documents,
        subject: settings.subject,
      },
    });
  });
  return settings;
}

/** Saves the checklist tasks' e-mails, with an audit event in the same transaction. */
export async function saveTaskEmailSettings(deps: { db: Db }, context: ActionContext, body: unknown) {
  const settings = parseSettings(TaskEmailSettingsSchema, body, 'tasks', 3);
  await deps.db.kysely.transaction().execute(async (trx) => {
    await writeSetting(trx, TASK_EMAIL_SETTINGS_KEY, settings, context.now.toISOString());
    await insertAuditEvent(trx, {
      enrollmentId: null,
      ...auditActor(context),
      action: 'settings.task_emails_updated',
      details: {
        tasks: Object.entries(settings.tasks).map(([key, t]) => ({
          key,
          recipientCount: t.recipients.length,
          onApproval: t.onApproval,
          completesTask: t.completesTask,
        })),
      },
    });
  });
  return settings;
}
