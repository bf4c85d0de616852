import type { Kysely } from 'kysely';
import { z } from 'zod';
import { unknownPlaceholders } from '../../mail/fill-template.js';
import {
  MESSAGE_TEMPLATES,
  type MessageTexts,
  TEMPLATE_KINDS,
  type TemplateKind,
  type TextOverrides,
} from '../../mail/templates/message-texts.js';
import type { Database } from '../../storage/database.js';
import { readSetting } from '../../storage/repositories/settings.repository.js';

export const TEMPLATE_SETTINGS_KEY = 'notifications.templates';

const Texts = z.strictObject({
  subject: z
    .string('Write a subject.')
    .trim()
    .min(1, 'Write a subject.')
    .max(300, 'A subject template has at most 300 characters.')
    .refine((value) => !/[\r\n]/.test(value), 'A subject is one line.'),
  intro: z.string('Write the opening text (or leave it empty).').max(2000, 'At most 2000 characters.'),
});

/**
 * The subjects and opening texts admins rewrote, by message kind (stored under
 * `notifications.templates`); each may use only its message's placeholders.
 */
export const TemplateSettingsSchema = z.strictObject({
  templates: z
    .partialRecord(z.enum(TEMPLATE_KINDS, 'Unknown message kind.'), Texts)
    .superRefine((templates, ctx) => {
      for (const [kind, texts] of Object.entries(templates) as [TemplateKind, MessageTexts][]) {
        const known = MESSAGE_TEMPLATES[kind].placeholders;
        for (const part of ['subject', 'intro'] as const) {
          const unknown = unknownPlaceholders(texts[part], known);
          if (unknown.length === 0) continue;
          ctx.addIssue({
            code: 'custom',
            path: [kind, part],
            message: `Unknown placeholder {${unknown[0]}}; this message knows ${known.map((k) => `{${k}}`).join(' ')}.`,
          });
        }
      }
    })
    .default({}),
});

/** The saved texts that differ from the built-in ones. */
export async function readTextOverrides(db: Kysely<Database>): Promise<TextOverrides> {
  const parsed = TemplateSettingsSchema.safeParse((await readSetting(db, TEMPLATE_SETTINGS_KEY)) ?? {});
  return parsed.success ? customized(parsed.data.templates) : {};
}

/** Only the kinds whose texts differ from the built-in ones. */
export function customized(templates: TextOverrides): TextOverrides {
  const out: TextOverrides = {};
  for (const kind of TEMPLATE_KINDS) {
    const texts = templates[kind];
    const builtIn = MESSAGE_TEMPLATES[kind];
    if (texts && (texts.subject !== builtIn.subject || texts.intro !== builtIn.intro)) out[kind] = texts;
  }
  return out;
}

/** What the settings page shows: every message's texts now, and the built-in ones with their placeholders. */
export async function getTemplateSettings(db: Kysely<Database>) {
  const overrides = await readTextOverrides(db);
  return {
    templates: Object.fromEntries(
      TEMPLATE_KINDS.map((kind) => {
        const texts = overrides[kind] ?? MESSAGE_TEMPLATES[kind];
        return [kind, { subject: texts.subject, intro: texts.intro }];
      }),
    ) as Record<TemplateKind, MessageTexts>,
    defaults: MESSAGE_TEMPLATES,
  };
}
