/**
 * Data of the earlier (Python) version, built from its documented schemas
 * (reference: original-features.md §4 and §5): each SQLite variant as its releases left it and
 * the JSON backup of its PostgreSQL mode, holding the records of legacy-records.ts, in an
 * installation folder laid out like the earlier one (`data/byov.db`, `data/backups/`,
 * `uploads/`, `pdfs/`).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { type LegacyRecord, writeLegacyRecords } from './legacy-records.js';
import {
  ADDED_1126,
  ADDED_1128,
  ADDED_HEAD,
  APP_SETTINGS,
  ENROLLMENTS_1123,
  ENROLLMENTS_HEAD,
  OTHER_TABLES,
} from './legacy-schema.js';

export type { LegacyFileRecord, LegacyRecord } from './legacy-records.js';

/**
 * The `enrollments` tables the earlier releases left: as first created (11-23), with the approval
 * columns (11-26) and the upload report (11-28) added by `migrate_db.py` at the end of the table,
 * an old table brought to HEAD that way (with `industry` last), and HEAD's table created fresh.
 */
export const LEGACY_VARIANTS = ['2025-11-23', '2025-11-26', '2025-11-28', 'head-migrated', 'head'] as const;
export type LegacyVariant = (typeof LEGACY_VARIANTS)[number];

export interface LegacyInstallation {
  root: string;
  database: string;
  records: LegacyRecord[];
}

const RULES = [
  {
    rule_name: 'Insurance 30 days',
    trigger: 'insurance_expiring_30days',
    days_before: 30,
    recipients: 'fleet@example.com',
  },
  {
    rule_name: 'Program inbox',
    trigger: 'On Submission',
    days_before: null,
    recipients: 'inbox@example.com, hr@example.com',
  },
  { rule_name: 'Manual', trigger: 'Manual', days_before: null, recipients: 'someone@example.com' },
];

const APPROVAL_SETTINGS = {
  enabled: true,
  recipients: 'hr@example.com, fleet@example.com',
  subject_template: 'BYOV Enrollment Approved: {full_name} (Tech ID: {tech_id})',
  include_pdf: true,
  include_details: true,
  selected_fields: ['full_name', 'tech_id', 'vin'],
  selected_docs: ['signature', 'vehicle'],
};

/** Creates the earlier SQLite database of one variant at `file`, holding `records`. */
export function writeLegacySqlite(file: string, variant: LegacyVariant, records: LegacyRecord[]): void {
  const db = new SqliteDatabase(file);
  // Python's sqlite3 leaves foreign keys off (better-sqlite3 turns them on), and the earlier
  // version never switched them on: deleting an enrollment left its documents behind.
  db.pragma('foreign_keys = OFF');
  try {
    const columns = createSchema(db, variant);
    for (const record of records) {
      const values = Object.fromEntries(columns.map((c) => [c, record.row[c] ?? null]));
      db.prepare(
        `INSERT INTO enrollments (id, ${columns.join(', ')}) VALUES (@id, ${columns.map((c) => `@${c}`).join(', ')})`,
      ).run({ id: record.id, ...values });
      for (const file of record.files) {
        db.prepare('INSERT INTO documents (enrollment_id, doc_type, file_path) VALUES (?, ?, ?)').run(
          record.id,
          file.docType,
          file.path,
        );
      }
    }
    // A deleted enrollment's document: foreign keys were never switched on.
    db.prepare('INSERT INTO documents (enrollment_id, doc_type, file_path) VALUES (99, ?, ?)').run(
      'vehicle',
      'uploads/GONE_1/vehicle/vehicle_1.jpg',
    );
    for (const rule of RULES) {
      db.prepare(
        'INSERT INTO notification_rules (rule_name, trigger, days_before, recipients) VALUES (@rule_name, @trigger, @days_before, @recipients)',
      ).run(rule);
    }
    db.prepare(
      "INSERT INTO notifications_sent (enrollment_id, rule_id, sent_at) VALUES (1, 2, '2025-12-01 08:30:05')",
    ).run();
    if (hasAppSettings(variant)) {
      db.prepare(
        "INSERT INTO app_settings (setting_key, setting_value, updated_at) VALUES (?, ?, '2025-12-01 12:00:00')",
      ).run('approval_notification', JSON.stringify(APPROVAL_SETTINGS));
    }
  } finally {
    db.close();
  }
}

function createSchema(db: SqliteDatabase.Database, variant: LegacyVariant): string[] {
  const base = variant === 'head' ? ENROLLMENTS_HEAD : ENROLLMENTS_1123;
  db.exec(base);
  const added: Record<LegacyVariant, string[]> = {
    '2025-11-23': [],
    '2025-11-26': ADDED_1126,
    '2025-11-28': [...ADDED_1126, ...ADDED_1128],
    'head-migrated': [...ADDED_1126, ...ADDED_1128, ...ADDED_HEAD],
    head: [],
  };
  for (const column of added[variant]) db.exec(`ALTER TABLE enrollments ADD COLUMN ${column}`);
  for (const table of OTHER_TABLES) db.exec(table);
  if (hasAppSettings(variant)) db.exec(APP_SETTINGS);
  return (db.prepare("select name from pragma_table_info('enrollments')").all() as { name: string }[])
    .map((r) => r.name)
    .filter((name) => name !== 'id');
}

export function hasAppSettings(variant: LegacyVariant): boolean {
  return variant === 'head' || variant === 'head-migrated';
}

/** Variants with the approval columns. */
export function hasApproval(variant: LegacyVariant): boolean {
  return variant !== '2025-11-23';
}

/** An earlier installation: `data/byov.db` of `variant`, its uploads and PDFs, and a backup copy. */
export async function writeLegacyInstallation(root: string, variant: LegacyVariant): Promise<LegacyInstallation> {
  const records = await writeLegacyRecords(root);
  await mkdir(path.join(root, 'data', 'backups'), { recursive: true });
  const database = path.join(root, 'data', 'byov.db');
  writeLegacySqlite(database, variant, records);
  return { root, database, records };
}

/**
 * The JSON backup of the PostgreSQL mode: `{timestamp, database_type, enrollments[] with their
 * documents[], notification_rules[]}`, JSONB lists as arrays, TIMESTAMPTZ as Python printed
 * them, booleans as booleans; this one also carries the checklist table.
 */
export function legacyJsonBackup(records: LegacyRecord[]): Record<string, unknown> {
  let documentId = 0;
  return {
    timestamp: '2025-12-03T09:00:00.000000',
    database_type: 'postgresql',
    enrollments: records.map((record) => ({
      ...record.row,
      id: record.id,
      industries: parseList(record.row.industries),
      industry: parseList(record.row.industry ?? record.row.industries),
      approved: record.row.approved === 1,
      submission_date: record.row.submission_date
        ? `${String(record.row.submission_date).replace('T', ' ')}+00:00`
        : null,
      approved_at: record.row.approved_at ? `${String(record.row.approved_at).replace('T', ' ')}+00:00` : null,
      last_upload_report: record.row.last_upload_report ? JSON.parse(String(record.row.last_upload_report)) : null,
      documents: record.files.map((f) => ({
        id: ++documentId,
        enrollment_id: record.id,
        doc_type: f.docType,
        file_path: f.path,
      })),
    })),
    notification_rules: RULES.map((rule, index) => ({ id: index + 1, ...rule, enabled: true })),
    enrollment_checklist: [
      checklistRow(
        1,
        'approved_synced',
        'Approved Enrollment & Synced to Dashboard',
        '2025-12-02 10:00:01+00:00',
        'System - Dashboard Sync',
      ),
      checklistRow(
        1,
        'policy_hshr',
        'Signed Policy Form Sent to HSHRpaperwork',
        '2025-12-02 10:05:00+00:00',
        'System - HR Email Sent',
      ),
      checklistRow(1, 'mileage_segno', 'Mileage form created in Segno', null, null),
      checklistRow(2, 'survey_30day', '30 Day survey completed', null, null),
    ],
  };
}

function checklistRow(enrollmentId: number, key: string, name: string, at: string | null, by: string | null) {
  return {
    enrollment_id: enrollmentId,
    task_key: key,
    task_name: name,
    completed: at !== null,
    completed_at: at,
    completed_by: by,
    email_recipient: null,
    email_sent: false,
    email_sent_at: null,
    created_at: '2025-12-01 08:30:06+00:00',
  };
}

function parseList(value: string | number | null | undefined): unknown[] {
  return typeof value === 'string' ? (JSON.parse(value) as unknown[]) : [];
}
