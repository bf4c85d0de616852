import { z } from 'zod';
import {
  NOTIFICATION_SETTINGS_KEY,
  NotificationSettingsSchema,
} from '../domain/notifications/notification-settings.js';
import type { LegacyNotificationRule } from './legacy-dataset.js';

/** A setting to create (never to overwrite) in this product's `settings` table. */
export interface PlannedSetting {
  key: string;
  value: unknown;
  /** What it came from, for the report. */
  from: string;
}

export interface SettingsPlan {
  settings: PlannedSetting[];
  /** Rules and settings with no counterpart here, with why. */
  unmapped: { what: string; reason: string }[];
}

const EXPIRY_TRIGGER = /^(insurance|registration)_expiring_(\d+)days$/;
const SUBMISSION_TRIGGERS = new Set(['on submission', 'new_enrollment']);
const isAddress = (value: string) => z.email().safeParse(value).success;

/**
 * The earlier notification rules as this product's notification settings, where they map: the
 * recipients of "on submission" rules become the program inbox, and the days of expiry rules the
 * reminder offsets (reminders now go to the technician, one list for both documents). Disabled,
 * manual and on-approval rules, expiry-rule recipients and the earlier `app_settings` (approval
 * e-mail and checklist recipients) have no counterpart here and are reported, not guessed at.
 */
export function mapLegacySettings(rules: LegacyNotificationRule[], appSettings: Record<string, unknown>): SettingsPlan {
  const unmapped: SettingsPlan['unmapped'] = [];
  const offsets = new Set<number>();
  const inbox = new Set<string>();
  for (const rule of rules) {
    const what = `notification rule ${rule.id} (${rule.trigger})`;
    const trigger = rule.trigger.trim().toLowerCase();
    const expiry = EXPIRY_TRIGGER.exec(trigger);
    if (!rule.enabled) unmapped.push({ what, reason: 'disabled' });
    else if (expiry || trigger.startsWith('on expiration')) {
      const days = expiry ? Number(expiry[2]) : rule.daysBefore;
      if (days !== null && Number.isInteger(days) && days >= 0 && days <= 365) offsets.add(days);
      else unmapped.push({ what, reason: 'no usable number of days' });
      if (rule.recipients.trim() !== '') {
        unmapped.push({
          what: `${what} recipients`,
          reason: 'reminders go to the technician; the inbox gets the weekly digest',
        });
      }
    } else if (SUBMISSION_TRIGGERS.has(trigger)) {
      for (const address of splitRecipients(rule.recipients)) {
        if (isAddress(address)) inbox.add(address.toLowerCase());
        else unmapped.push({ what: `${what} recipient`, reason: 'not an e-mail address' });
      }
    } else unmapped.push({ what, reason: 'no counterpart (manual or on-approval rules)' });
  }
  for (const key of Object.keys(appSettings)) unmapped.push({ what: `app_settings.${key}`, reason: 'no counterpart' });
  if (offsets.size === 0 && inbox.size === 0) return { settings: [], unmapped };
  const value = NotificationSettingsSchema.parse({
    ...(inbox.size > 0 ? { inbox: [...inbox].slice(0, 20) } : {}),
    ...(offsets.size > 0 ? { reminderOffsets: [...offsets].sort((a, b) => b - a).slice(0, 10) } : {}),
  });
  return {
    settings: [{ key: NOTIFICATION_SETTINGS_KEY, value, from: 'notification rules (inbox and reminder days)' }],
    unmapped,
  };
}

function splitRecipients(list: string): string[] {
  return list
    .split(/[,;]/)
    .map((r) => r.trim())
    .filter((r) => r !== '');
}
