import type { Db } from '../../storage/db.js';
import { insertAuditEvent } from '../../storage/repositories/audit.repository.js';
import { writeSetting } from '../../storage/repositories/settings.repository.js';
import { type ActionContext, auditActor } from '../auth/actor.js';
import { parseSettings } from './save-mail-settings.js';
import { customized, getTemplateSettings, TEMPLATE_SETTINGS_KEY, TemplateSettingsSchema } from './template-settings.js';

/**
 * Saves the messages' subjects and opening texts (a kind left out, or set back to the built-in
 * text, uses the built-in one), with an audit event naming the kinds that now differ.
 */
export async function saveTemplateSettings(deps: { db: Db }, context: ActionContext, body: unknown) {
  const parsed = parseSettings(TemplateSettingsSchema, body, 'templates', 9);
  const templates = customized(parsed.templates);
  await deps.db.kysely.transaction().execute(async (trx) => {
    await writeSetting(trx, TEMPLATE_SETTINGS_KEY, { templates }, context.now.toISOString());
    await insertAuditEvent(trx, {
      enrollmentId: null,
      ...auditActor(context),
      action: 'settings.templates_updated',
      details: { customized: Object.keys(templates) },
    });
  });
  return getTemplateSettings(deps.db.kysely);
}
