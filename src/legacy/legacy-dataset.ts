/**
 * The earlier (Python) version's data, read from any of its forms: its SQLite database (every
 * schema variant), a copy of it (`byov_backup_*.db`) or a JSON backup of its PostgreSQL mode
 * (`byov_backup_*.json`). Values are kept as found; mapping them is map-legacy-enrollment's job.
 */

/** Scalars as the earlier version stored them: TEXT in SQLite, JSON values in its JSON backups. */
export type LegacyValue = string | number | boolean | null | unknown[] | Record<string, unknown>;

export interface LegacyEnrollment {
  id: number;
  fullName: LegacyValue;
  techId: LegacyValue;
  district: LegacyValue;
  state: LegacyValue;
  referredBy: LegacyValue;
  /** Both stored forms: `industries` (the older copy) and `industry`. */
  industries: LegacyValue;
  industry: LegacyValue;
  year: LegacyValue;
  make: LegacyValue;
  model: LegacyValue;
  vin: LegacyValue;
  insuranceExp: LegacyValue;
  registrationExp: LegacyValue;
  templateUsed: LegacyValue;
  comment: LegacyValue;
  submissionDate: LegacyValue;
  approved: LegacyValue;
  approvedAt: LegacyValue;
  approvedBy: LegacyValue;
  dashboardTechId: LegacyValue;
  lastUploadReport: LegacyValue;
}

export type LegacyDocType = 'vehicle' | 'insurance' | 'registration' | 'signature';

export interface LegacyDocument {
  id: number;
  enrollmentId: number;
  docType: string;
  filePath: string;
}

export interface LegacyNotificationRule {
  id: number;
  ruleName: string;
  trigger: string;
  daysBefore: number | null;
  recipients: string;
  enabled: boolean;
}

export interface LegacyNotificationSent {
  enrollmentId: number;
  ruleId: number;
  sentAt: LegacyValue;
}

/** A row of the checklist table of the earlier PostgreSQL mode. */
export interface LegacyChecklistTask {
  enrollmentId: number;
  taskKey: string;
  taskName: string;
  completed: boolean;
  completedAt: LegacyValue;
  completedBy: LegacyValue;
}

export type LegacySourceKind = 'installation' | 'sqlite-backup' | 'json-backup';

export interface LegacyDataset {
  enrollments: LegacyEnrollment[];
  documents: LegacyDocument[];
  notificationRules: LegacyNotificationRule[];
  notificationsSent: LegacyNotificationSent[];
  /** `app_settings` by key, values parsed from JSON where they are JSON. */
  settings: Record<string, unknown>;
  checklist: LegacyChecklistTask[];
  /** Optional columns and tables of the earlier schema this source lacks (an older variant). */
  absent: string[];
}
