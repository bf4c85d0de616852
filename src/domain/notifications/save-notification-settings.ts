import type { Db } from '../../storage/db.js';
import { insertAuditEvent } from '../../storage/repositories/audit.repository.js';
import { writeSetting } from '../../storage/repositories/settings.repository.js';
import { type ActionContext, auditActor } from '../auth/actor.js';
import { parseInput } from '../parse-input.js';
import { NOTIFICATION_SETTINGS_KEY, NotificationSettingsSchema } from './notification-settings.js';

/** Saves who gets the program's e-mails and the reminder days, with an audit event. */
export async function saveNotificationSettings(deps: { db: Db }, context: ActionContext, body: unknown) {
  const parsed = parseInput(NotificationSettingsSchema, body ?? {}, { fieldDepth: 1, fallbackField: 'inbox' });
  const settings = { ...parsed, reminderOffsets: [...parsed.reminderOffsets].sort((a, b) => b - a) };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await writeSetting(trx, NOTIFICATION_SETTINGS_KEY, settings, context.now.toISOString());
    await insertAuditEvent(trx, {
      enrollmentId: null,
      ...auditActor(context),
      action: 'settings.notifications_updated',
      details: { inboxCount: settings.inbox.length, reminderOffsets: settings.reminderOffsets },
    });
  });
  return settings;
}
