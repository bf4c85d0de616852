/**
 * The shapes the admin API answers with, as the admin API contract and the
 * server (src/domain/admin/**, src/domain/enrollment/present-enrollment.ts) define them.
 */
import type { TokenScope } from '../../../src/shared/api-token-scopes.js';
import type { PresentedAuditEvent } from '../../../src/shared/audit-actions.js';
import type { PresentedFields } from '../../../src/shared/enrollment-fields.js';
import type { ListColumn } from '../../../src/shared/list-columns.js';

export type Role = 'admin' | 'reviewer';
export type EnrollmentStatus = 'pending' | 'approved' | 'rejected' | 'changes_requested' | 'superseded';
export type Compliance = 'green' | 'yellow' | 'red';
export type { ListColumn, TokenScope };

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  displayName: string;
}

export interface SignedIn {
  user: SessionUser;
  csrfToken: string;
}

/** An enrollment as presentEnrollment gives it: its answers from the field table, and its record. */
export interface Enrollment extends PresentedFields {
  id: string;
  reference: string;
  revision: number;
  supersedesId: string | null;
  status: EnrollmentStatus;
  createdAt: string;
  updatedAt: string;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
  deletedAt: string | null;
  deletedBy: string | null;
  /** Set for enrollments brought over from the earlier version. */
  legacyId: string | null;
  /** The language the technician used: 'en' or 'es'. */
  language: string;
  /** Why an imported enrollment needs review; null when it needs none. */
  reviewFlags: { code: string; message: string }[] | null;
}

export interface Progress {
  done: number;
  total: number;
}

export interface EnrollmentListItem extends Enrollment {
  compliance: Compliance;
  checklist: Progress;
}

export interface EnrollmentPage {
  items: EnrollmentListItem[];
  total: number;
  /** False when there are more matches than the server counts: `total` is then a lower bound. */
  totalExact: boolean;
  page: number;
  pageSize: number;
}

export interface StoredDocument {
  id: string;
  /** An upload slot (`vehicle_front`, `insurance`, …), `signature` or `signed_policy`. */
  category: string;
  position: number;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  originalName: string | null;
  createdAt: string;
  url: string;
}

export interface ChecklistTask {
  key: string;
  label: string;
  completedAt: string | null;
  completedBy: string | null;
  /** The task has an e-mail with recipients: the checklist offers "Send". */
  email: boolean;
}

export interface ChecklistState {
  checklist: ChecklistTask[];
  checklistProgress: Progress;
}

export interface VinDecode {
  make: string | null;
  model: string | null;
  modelYear: number | string | null;
  bodyStyle: string | null;
  fuelType: string | null;
  source?: string | null;
}

export interface RevisionSummary {
  id: string;
  revision: number;
  status: EnrollmentStatus;
  reference: string;
  supersedesId: string | null;
  createdAt: string;
}

export interface RevisionChanges {
  revision: number;
  fields: { field: string; from: unknown; to: unknown }[];
}

export interface RequestedChanges {
  fields: string[];
  message: string;
  /** Only in the answer to the request itself: the server keeps a hash of the code, not the link. */
  link: string | null;
  requestedAt?: string | null;
  requestedBy?: string | null;
}

export type AuditEvent = PresentedAuditEvent;

/** The dashboard sync of one enrollment (null until one was queued). */
export interface DashboardSync {
  id: string;
  state: 'waiting' | 'sent' | 'failed';
  externalId: string;
  attempts: number;
  recordSent: boolean;
  photosSent: number;
  dashboardId: string | null;
  lastError: string | null;
  lastResponse: { status: number; body: string } | null;
  queuedAt: string;
  nextAttemptAt: string | null;
  syncedAt: string | null;
}

export interface DashboardSyncState {
  configured: boolean;
  sync: DashboardSync | null;
}

export interface EnrollmentDetail extends ChecklistState {
  enrollment: Enrollment;
  documents: StoredDocument[];
  compliance: Compliance;
  vinDecode: VinDecode | null;
  vinMismatch: string[];
  revisions: RevisionSummary[];
  changes: RevisionChanges[];
  requestedChanges?: RequestedChanges;
  history: AuditEvent[];
  dashboardSync: DashboardSyncState;
}

export interface Overview {
  byStatus: Record<string, number>;
  expiringWithin30Days: number;
  expired: number;
  submissionsPerWeek: { weekStart: string; count: number }[];
  backup: { lastVerified: { name: string; ageHours: number } | null; warning?: string };
  mail: MailStatus;
  liveData: LiveDataFindings;
}

/** What the nightly check of the live data (and `byov check`) last found. */
export interface LiveDataFindings {
  lastCheckedAt: string | null;
  database: string[];
  files: {
    storageKey: string;
    problem: 'missing' | 'damaged';
    enrollmentIds: string[];
    documentIds: string[];
    draftIds: string[];
    foundAt: string;
  }[];
}

export interface MailStatus {
  configured: boolean;
  server: string | null;
  waiting: number;
  sent: number;
  failed: number;
  warning: string | null;
}

/** Off-machine copies in BACKUP_REMOTE, as the remote lists them. */
export type RemoteCopies =
  | { configured: false }
  | {
      configured: true;
      remote: string;
      backups: { name: string; kind: string; createdAt: string; copiedAt: string; encrypted: boolean; bytes: number }[];
      damaged: string[];
      error?: string;
    };

export interface BackupSummary {
  name: string;
  kind: string;
  createdAt: string;
  engine: string;
  /** null: never verified. */
  verified: boolean | null;
  verifiedAt?: string | null;
  sizeBytes: number;
  enrollments: number;
  files: number;
}

export interface BackupJob {
  state: 'running' | 'succeeded' | 'failed';
  /** The contract says a fraction 0-1; the server sends a sentence. Both are shown. */
  progress?: number | string;
  message?: string;
  name?: string;
}

export interface Account extends SessionUser {
  disabled: boolean;
  passwordSet: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

/** A named API token as listed: never its secret. */
export interface ApiToken {
  id: string;
  name: string;
  /** The secret's first characters, to tell tokens apart. */
  prefix: string;
  scopes: TokenScope[];
  state: 'active' | 'expired' | 'revoked';
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

export interface ChecklistDefinition {
  tasks: { key: string; label: string }[];
}

export interface OutboxMessage {
  id: string;
  kind: string;
  recipients: string[];
  reference: string | null;
  enrollmentId: string | null;
  state: 'waiting' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  messageId: string | null;
  createdAt: string;
  sentAt: string | null;
  history: { at: string; error: string | null }[];
}

export interface NotificationSettings {
  inbox: string[];
  reminderOffsets: number[];
}

export type ApprovalDocument = 'signed_policy' | 'photos' | 'insurance' | 'registration';

export interface ApprovalNoticeSettings {
  enabled: boolean;
  recipients: string[];
  fields: string[];
  documents: ApprovalDocument[];
  subject: string;
}

export interface TaskEmail {
  recipients: string[];
  subject: string;
  intro: string;
  attachSignedPolicy: boolean;
  onApproval: boolean;
  completesTask: boolean;
}

export interface TaskEmailSettings {
  tasks: Record<string, TaskEmail>;
}

export interface MessageTexts {
  subject: string;
  intro: string;
}

export interface TemplateSettings {
  templates: Record<string, MessageTexts>;
  defaults: Record<string, MessageTexts & { label: string; placeholders: string[] }>;
}

/** A message rendered for a made-up enrollment. */
export interface MailPreview {
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; contentType: string }[];
}
