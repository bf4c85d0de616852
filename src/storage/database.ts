import type { Insertable, Selectable } from 'kysely';

/**
 * Table shapes shared by SQLite and PostgreSQL. To keep both engines and the engine-neutral
 * backups identical, columns use only portable types: TEXT for ids, timestamps (UTC ISO-8601)
 * and dates (`YYYY-MM-DD`), INTEGER for numbers and booleans (0/1), TEXT holding JSON for lists.
 */
export interface Database {
  enrollments: EnrollmentsTable;
  documents: DocumentsTable;
  checklist_tasks: ChecklistTasksTable;
  settings: SettingsTable;
  audit_events: AuditEventsTable;
}

export type EnrollmentStatus = 'pending' | 'approved' | 'rejected' | 'changes_requested' | 'superseded';

export interface EnrollmentsTable {
  id: string;
  reference: string;
  tech_id: string;
  revision: number;
  supersedes_id: string | null;
  status: EnrollmentStatus;
  full_name: string;
  district: string;
  state: string;
  referred_by: string | null;
  /** JSON array of industry names. */
  industries: string;
  email: string;
  phone: string | null;
  vin: string;
  year: number;
  make: string;
  model: string;
  color: string | null;
  plate: string | null;
  insurance_provider: string | null;
  insurance_policy_number: string | null;
  insurance_expiration: string;
  registration_expiration: string;
  comment: string | null;
  policy_acknowledged: number;
  created_at: string;
  updated_at: string;
}

export type DocumentCategory =
  | 'vehicle_front'
  | 'vehicle_back'
  | 'vehicle_left'
  | 'vehicle_right'
  | 'insurance'
  | 'registration'
  | 'signature'
  | 'signed_policy';

export interface DocumentsTable {
  id: string;
  enrollment_id: string;
  category: DocumentCategory;
  position: number;
  /** Key in the file store; today the SHA-256 of the content. */
  storage_key: string;
  sha256: string;
  size_bytes: number;
  content_type: string;
  original_name: string | null;
  created_at: string;
}

export interface ChecklistTasksTable {
  id: string;
  enrollment_id: string;
  task_key: string;
  label: string;
  position: number;
  completed_at: string | null;
  completed_by: string | null;
}

export interface SettingsTable {
  key: string;
  /** JSON value. */
  value: string;
  updated_at: string;
}

export interface AuditEventsTable {
  /** Time-ordered id (UUID v7), so events sort by id without a sequence to carry across engines. */
  id: string;
  enrollment_id: string | null;
  actor: string;
  action: string;
  occurred_at: string;
  ip: string | null;
  user_agent: string | null;
  /** JSON object. */
  details: string;
}

export type EnrollmentRow = Selectable<EnrollmentsTable>;
export type NewEnrollmentRow = Insertable<EnrollmentsTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type NewDocumentRow = Insertable<DocumentsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = Insertable<AuditEventsTable>;

/** Tables in dependency order: parents before children (for copying and counting). */
export const TABLES = ['settings', 'enrollments', 'documents', 'checklist_tasks', 'audit_events'] as const;
export type TableName = (typeof TABLES)[number];
