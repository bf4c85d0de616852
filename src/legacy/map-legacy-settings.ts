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

/** The earlier checklist keys, renamed as in map-legacy-documents. */
const TASK_KEYS: Readonly<Record<string, string>> = { policy_hshr: 'policy_hr', mileage_segno: 'mileage_form' };

/**
 * The earlier notification rules and settings as this product's settings, where they map:
 * expiry rules become reminder offsets (days before) per document with their recipients;
 * "on submission" rules become the submission notice's recipients; the approval-notification
 * settings and the checklist task recipients are carried with their meaning. Disabled rules,
 * "manual" and "on approval" rules have no counterpart and are reported.
 */
export function mapLegacySettings(rules: LegacyNotificationRule[], appSettings: Record<string, unknown>): SettingsPlan {
  const unmapped: SettingsPlan['unmapped'] = [];
  const reminders = { insurance: new Set<number>(), registration: new Set<number>(), recipients: new Set<string>() };
  const submissionRecipients = new Set<string>();
  for (const rule of rules) {
    const what = `notification rule ${rule.id} (${rule.trigger})`;
    if (!rule.enabled) {
      unmapped.push({ what, reason: 'disabled' });
      continue;
    }
    const trigger = rule.trigger.trim().toLowerCase();
    const expiry = EXPIRY_TRIGGER.exec(trigger);
    if (expiry || trigger.startsWith('on expiration')) {
      const days = expiry ? Number(expiry[2]) : (rule.daysBefore ?? 7);
      const documents = expiry ? [expiry[1] as 'insurance' | 'registration'] : (['insurance', 'registration'] as const);
      for (const document of documents) reminders[document].add(days);
      for (const r of splitRecipients(rule.recipients)) reminders.recipients.add(r);
    } else if (SUBMISSION_TRIGGERS.has(trigger)) {
      for (const r of splitRecipients(rule.recipients)) submissionRecipients.add(r);
    } else {
      unmapped.push({ what, reason: 'no counterpart (manual or on-approval rules)' });
    }
  }
  const settings: PlannedSetting[] = [];
  if (reminders.insurance.size + reminders.registration.size > 0) {
    settings.push({
      key: 'reminders.expiry',
      from: 'expiry notification rules',
      value: {
        insuranceDaysBefore: sortedDescending(reminders.insurance),
        registrationDaysBefore: sortedDescending(reminders.registration),
        recipients: [...reminders.recipients],
      },
    });
  }
  if (submissionRecipients.size > 0) {
    settings.push({
      key: 'notifications.submission',
      from: 'on-submission notification rules',
      value: { recipients: [...submissionRecipients] },
    });
  }
  settings.push(...mapAppSettings(appSettings, unmapped));
  return { settings, unmapped };
}

function mapAppSettings(appSettings: Record<string, unknown>, unmapped: SettingsPlan['unmapped']): PlannedSetting[] {
  const settings: PlannedSetting[] = [];
  for (const [key, value] of Object.entries(appSettings)) {
    const object = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
    if (key === 'approval_notification' && object) {
      settings.push({
        key: 'notifications.approval',
        from: 'app_settings.approval_notification',
        value: {
          enabled: object.enabled === true,
          recipients: splitRecipients(String(object.recipients ?? '')),
          subjectTemplate: typeof object.subject_template === 'string' ? object.subject_template : null,
          fields: Array.isArray(object.selected_fields) ? object.selected_fields.map(String) : [],
          documents: Array.isArray(object.selected_docs) ? object.selected_docs.map(String) : [],
          includePdf: object.include_pdf === true,
          includeDetails: object.include_details === true,
        },
      });
    } else if (key === 'checklist_recipients' && object) {
      const recipients = Object.fromEntries(
        Object.entries(object).map(([task, address]) => [TASK_KEYS[task] ?? task, String(address ?? '')]),
      );
      settings.push({ key: 'checklist.recipients', from: 'app_settings.checklist_recipients', value: recipients });
    } else {
      unmapped.push({ what: `app_settings.${key}`, reason: 'no counterpart' });
    }
  }
  return settings;
}

function splitRecipients(list: string): string[] {
  return list
    .split(/[,;]/)
    .map((r) => r.trim())
    .filter((r) => r !== '');
}

function sortedDescending(values: Set<number>): number[] {
  return [...values].filter((n) => Number.isInteger(n) && n >= 0).sort((a, b) => b - a);
}
