import SqliteDatabase from 'better-sqlite3';
import { AppError } from '../errors.js';
import type {
  LegacyChecklistTask,
  LegacyDataset,
  LegacyDocument,
  LegacyEnrollment,
  LegacyNotificationRule,
  LegacyNotificationSent,
  LegacyValue,
} from './legacy-dataset.js';
import { parseSettingValue } from './legacy-values.js';

type Row = Record<string, LegacyValue>;

/** Columns later releases of the earlier version added (by `migrate_db.py` or a fresh `init_db`). */
export const OPTIONAL_ENROLLMENT_COLUMNS = [
  'industries',
  'industry',
  'referred_by',
  'template_used',
  'comment',
  'approved',
  'approved_at',
  'approved_by',
  'dashboard_tech_id',
  'last_upload_report',
] as const;

/**
 * Reads an earlier-version SQLite database without changing a byte of it: opened read-only
 * (which also rules out creating a journal), no pragma that writes, no schema check that
 * migrates. Every known variant of the schema reads; what a variant lacks is listed in `absent`.
 */
export function readLegacySqlite(file: string): LegacyDataset {
  let sqlite: SqliteDatabase.Database;
  try {
    sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  } catch (error) {
    throw notReadable(file, error);
  }
  try {
    const tables = new Set(
      sqlite
        .prepare("select name from sqlite_master where type = 'table'")
        .all()
        .map((r) => (r as { name: string }).name),
    );
    if (!tables.has('enrollments')) {
      throw new AppError(
        'BACKUP_INVALID',
        `${file} is not a database of the earlier version: it has no enrollments table.`,
      );
    }
    const columns = new Set(
      sqlite
        .prepare("select name from pragma_table_info('enrollments')")
        .all()
        .map((r) => (r as { name: string }).name),
    );
    const all = (table: string): Row[] =>
      tables.has(table) ? (sqlite.prepare(`select * from "${table}" order by id`).all() as Row[]) : [];
    const absent = [
      ...OPTIONAL_ENROLLMENT_COLUMNS.filter((c) => !columns.has(c)).map((c) => `enrollments.${c}`),
      ...['documents', 'notification_rules', 'notifications_sent', 'app_settings'].filter((t) => !tables.has(t)),
    ];
    return {
      enrollments: all('enrollments').map(toEnrollment),
      documents: all('documents').map(toDocument),
      notificationRules: all('notification_rules').map(toRule),
      notificationsSent: all('notifications_sent').map(toSent),
      settings: Object.fromEntries(
        all('app_settings').map((r) => [String(r.setting_key), parseSettingValue(r.setting_value)]),
      ),
      // Only the PostgreSQL mode had a checklist, but a database copied from it may carry one.
      checklist: all('enrollment_checklist').map(toChecklistTask),
      absent,
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw notReadable(file, error);
  } finally {
    sqlite.close();
  }
}

function notReadable(file: string, error: unknown): AppError {
  const code = (error as { code?: unknown }).code;
  const reason =
    typeof code === 'string' && code.startsWith('SQLITE_') && error instanceof Error ? error.message : 'unreadable';
  return new AppError('BACKUP_INVALID', `${file} cannot be read as an SQLite database (${reason}).`, { cause: error });
}

/** Keys are the earlier version's column names, in either engine's export. */
export function toEnrollment(r: Row): LegacyEnrollment {
  const v = (key: string): LegacyValue => r[key] ?? null;
  return {
    id: Number(r.id),
    fullName: v('full_name'),
    techId: v('tech_id'),
    district: v('district'),
    state: v('state'),
    referredBy: v('referred_by'),
    industries: v('industries'),
    industry: v('industry'),
    year: v('year'),
    make: v('make'),
    model: v('model'),
    vin: v('vin'),
    insuranceExp: v('insurance_exp'),
    registrationExp: v('registration_exp'),
    templateUsed: v('template_used'),
    comment: v('comment'),
    submissionDate: v('submission_date'),
    approved: v('approved'),
    approvedAt: v('approved_at'),
    approvedBy: v('approved_by'),
    dashboardTechId: v('dashboard_tech_id'),
    lastUploadReport: v('last_upload_report'),
  };
}

export function toDocument(r: Row): LegacyDocument {
  return {
    id: Number(r.id),
    enrollmentId: Number(r.enrollment_id),
    docType: String(r.doc_type ?? ''),
    filePath: String(r.file_path ?? ''),
  };
}

export function toRule(r: Row): LegacyNotificationRule {
  const days = r.days_before;
  return {
    id: Number(r.id),
    ruleName: String(r.rule_name ?? ''),
    trigger: String(r.trigger ?? ''),
    daysBefore: days === null || days === undefined || days === '' ? null : Number(days),
    recipients: String(r.recipients ?? ''),
    enabled: isTrue(r.enabled ?? 1),
  };
}

export function toSent(r: Row): LegacyNotificationSent {
  return { enrollmentId: Number(r.enrollment_id), ruleId: Number(r.rule_id), sentAt: r.sent_at ?? null };
}

export function toChecklistTask(r: Row): LegacyChecklistTask {
  return {
    enrollmentId: Number(r.enrollment_id),
    taskKey: String(r.task_key ?? ''),
    taskName: String(r.task_name ?? r.task_key ?? ''),
    completed: isTrue(r.completed),
    completedAt: r.completed_at ?? null,
    completedBy: r.completed_by ?? null,
  };
}

/** 1, true, "1", "true", "t": SQLite integers, PostgreSQL booleans and their string forms. */
export function isTrue(value: LegacyValue | undefined): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return ['1', 'true', 't', 'yes'].includes(value.trim().toLowerCase());
  return false;
}
