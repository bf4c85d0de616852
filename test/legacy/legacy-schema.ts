/**
 * The earlier version's SQLite DDL as its releases created it (reference: original-features.md
 * §4.1 and §5.3): `init_db` of 11-23 and of HEAD, the columns `migrate_db.py` added to older
 * tables, and the other tables.
 */

// 11-23: the first SQLite schema (init_db of database.py).
export const ENROLLMENTS_1123 = `CREATE TABLE IF NOT EXISTS enrollments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  full_name TEXT NOT NULL,
  tech_id TEXT NOT NULL,
  district TEXT,
  state TEXT,
  referred_by TEXT,
  industries TEXT,
  year TEXT,
  make TEXT,
  model TEXT,
  vin TEXT,
  insurance_exp TEXT,
  registration_exp TEXT,
  template_used TEXT,
  comment TEXT,
  submission_date TEXT DEFAULT CURRENT_TIMESTAMP
)`;

// The columns migrate_db.py adds to an older table, in its order.
export const ADDED_1126 = [
  'approved INTEGER DEFAULT 0',
  'approved_at TEXT',
  'approved_by TEXT',
  'dashboard_tech_id TEXT',
];
export const ADDED_1128 = ['last_upload_report TEXT'];
export const ADDED_HEAD = ['industry TEXT'];

// HEAD: a fresh init_db creates every column in one table.
export const ENROLLMENTS_HEAD = `CREATE TABLE IF NOT EXISTS enrollments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  full_name TEXT NOT NULL,
  tech_id TEXT NOT NULL,
  district TEXT,
  state TEXT,
  referred_by TEXT,
  industries TEXT,
  industry TEXT,
  year TEXT,
  make TEXT,
  model TEXT,
  vin TEXT,
  insurance_exp TEXT,
  registration_exp TEXT,
  template_used TEXT,
  comment TEXT,
  submission_date TEXT DEFAULT CURRENT_TIMESTAMP,
  approved INTEGER DEFAULT 0,
  approved_at TEXT,
  approved_by TEXT,
  dashboard_tech_id TEXT,
  last_upload_report TEXT
)`;

export const OTHER_TABLES = [
  `CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    enrollment_id INTEGER NOT NULL,
    doc_type TEXT NOT NULL,
    file_path TEXT NOT NULL,
    FOREIGN KEY (enrollment_id) REFERENCES enrollments(id) ON DELETE CASCADE
  )`,
  `CREATE TABLE IF NOT EXISTS notification_rules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_name TEXT NOT NULL,
    trigger TEXT NOT NULL,
    days_before INTEGER,
    recipients TEXT NOT NULL,
    enabled INTEGER DEFAULT 1
  )`,
  `CREATE TABLE IF NOT EXISTS notifications_sent (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    enrollment_id INTEGER NOT NULL,
    rule_id INTEGER NOT NULL,
    sent_at TEXT DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (enrollment_id) REFERENCES enrollments(id) ON DELETE CASCADE,
    FOREIGN KEY (rule_id) REFERENCES notification_rules(id) ON DELETE CASCADE
  )`,
];

// Created lazily by the approval-settings getter (HEAD only).
export const APP_SETTINGS = `CREATE TABLE IF NOT EXISTS app_settings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  setting_key TEXT UNIQUE NOT NULL,
  setting_value TEXT NOT NULL,
  updated_at TEXT
)`;
