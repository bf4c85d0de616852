import { readFile, stat } from 'node:fs/promises';
import { AppError } from '../errors.js';
import type { LegacyChecklistTask, LegacyDataset, LegacyDocument, LegacyValue } from './legacy-dataset.js';
import { parseSettingValue } from './legacy-values.js';
import { toChecklistTask, toDocument, toEnrollment, toRule, toSent } from './read-legacy-sqlite.js';

type Row = Record<string, LegacyValue>;

/**
 * The earlier version's JSON backups hold rows only (no files), a few megabytes for thousands
 * of enrollments; past this size the file is not one of them.
 */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

/**
 * Reads a JSON backup of the earlier PostgreSQL mode: `{timestamp, database_type, enrollments[]
 * (each with its documents[]), notification_rules[]}`. Later or hand-made exports may add
 * `notifications_sent`, `app_settings` and the checklist (`enrollment_checklist`, or a
 * `checklist` list inside each enrollment); they are read when present.
 */
export async function readLegacyJson(file: string): Promise<LegacyDataset> {
  if ((await stat(file)).size > MAX_JSON_BYTES) {
    throw new AppError('BACKUP_INVALID', `${file} is too large to be a JSON backup of the earlier version.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new AppError('BACKUP_INVALID', `${file} is not valid JSON.`, { cause: error });
  }
  if (!isLegacyJsonBackup(parsed)) {
    throw new AppError(
      'BACKUP_INVALID',
      `${file} is not a JSON backup of the earlier version: it has no enrollments list.`,
    );
  }
  const enrollments = rows(parsed.enrollments);
  const documents: LegacyDocument[] = [];
  const checklist: LegacyChecklistTask[] = rows(parsed.enrollment_checklist).map(toChecklistTask);
  for (const enrollment of enrollments) {
    for (const doc of rows(enrollment.documents))
      documents.push(toDocument({ enrollment_id: enrollment.id ?? null, ...doc }));
    for (const task of rows(enrollment.checklist)) {
      checklist.push(toChecklistTask({ enrollment_id: enrollment.id ?? null, ...task }));
    }
  }
  const absent = [
    ...['notifications_sent', 'app_settings'].filter((key) => parsed[key] === undefined),
    ...(parsed.enrollment_checklist === undefined && !enrollments.some((e) => Array.isArray(e.checklist))
      ? ['enrollment_checklist']
      : []),
  ];
  return {
    enrollments: enrollments.map(toEnrollment),
    documents,
    notificationRules: rows(parsed.notification_rules).map(toRule),
    notificationsSent: rows(parsed.notifications_sent).map(toSent),
    settings: readSettings(parsed.app_settings),
    checklist,
    absent,
  };
}

export function isLegacyJsonBackup(value: unknown): value is Record<string, LegacyValue> & { enrollments: unknown[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { enrollments?: unknown }).enrollments);
}

function rows(value: unknown): Row[] {
  return Array.isArray(value) ? value.filter((r): r is Row => typeof r === 'object' && r !== null) : [];
}

/** A list of `{setting_key, setting_value}` rows, or an object of key to value. */
function readSettings(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) {
    return Object.fromEntries(rows(value).map((r) => [String(r.setting_key), parseSettingValue(r.setting_value)]));
  }
  if (typeof value === 'object' && value !== null) return { ...(value as Record<string, unknown>) };
  return {};
}
