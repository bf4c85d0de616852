import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { EnrollmentField } from '../shared/enrollment-fields.js';
import type { DocumentCategory } from '../shared/upload-slots.js';

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
  drafts: DraftsTable;
  draft_files: DraftFilesTable;
  admin_users: AdminUsersTable;
  admin_setup_tokens: AdminSetupTokensTable;
  admin_sessions: AdminSessionsTable;
  login_throttles: LoginThrottlesTable;
  outbox: OutboxTable;
  outbox_attempts: OutboxAttemptsTable;
  job_leases: JobLeasesTable;
  access_links: AccessLinksTable;
  draft_creators: DraftCreatorsTable;
  api_tokens: ApiTokensTable;
  instances: InstancesTable;
  schedule_counters: ScheduleCountersTable;
  rate_limit_hits: RateLimitHitsTable;
  webhook_endpoints: WebhookEndpointsTable;
  policy_versions: PolicyVersionsTable;
  backup_jobs: BackupJobsTable;
}

export type EnrollmentStatus = 'pending' | 'approved' | 'rejected' | 'changes_requested' | 'superseded';

/**
 * How a field's answer is stored: a year and the consent box (0/1) as INTEGER, everything else
 * as TEXT (dates as `YYYY-MM-DD`, the industries as a JSON array).
 */
type StoredValue<T extends EnrollmentField['type']> = T extends 'year' | 'consent' ? number : string;

/** The enrollments table's answer columns, derived from the field table: one per field. */
type FieldColumns = {
  -readonly [F in EnrollmentField as F['column']]: F['optional'] extends true
    ? StoredValue<F['type']> | null
    : StoredValue<F['type']>;
};

/** The answer columns come from the field table; the rest are the enrollment's own bookkeeping. */
export interface EnrollmentsTable extends FieldColumns {
  id: string;
  /** Folded name, tech ID and VIN for search (see domain/enrollment/search-text.ts); filled on insert. */
  search_text: ColumnType<string, string | undefined, string>;
  reference: string;
  revision: number;
  supersedes_id: string | null;
  status: EnrollmentStatus;
  created_at: string;
  updated_at: string;
  /** The policy template the technician signed (null for enrollments from before migration 0002). */
  policy_template_id: string | null;
  policy_version: string | null;
  /** SHA-256 of the exact policy text shown and signed. */
  policy_sha256: string | null;
  /** SHA-256 of the signed policy PDF (also stored as a `signed_policy` document). */
  signed_pdf_sha256: string | null;
  /** SHA-256 of the receipt token that lets the technician download the signed PDF. */
  receipt_token_hash: string | null;
  /** The language the technician used ('en' | 'es'); their messages are sent in it. */
  language: ColumnType<string, string | undefined, string>;
  /** The latest review decision (migration 0003): when, by whom (email or "api-token"), why. */
  reviewed_at: string | null;
  reviewed_by: string | null;
  review_note: string | null;
  /** JSON array of the field names the technician was asked to change. */
  requested_fields: string | null;
  requested_draft_id: string | null;
  /** Soft deletion: hidden from the list, restorable until purged 30 days later. */
  deleted_at: string | null;
  deleted_by: string | null;
  /** The earlier version's enrollment id, for enrollments brought over by `import-legacy` (migration 0005). */
  legacy_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON array of `{code, message}`: why an imported enrollment needs review; null when it needs none. */
  review_flags: ColumnType<string | null, string | null | undefined, string | null>;
}

export type { DocumentCategory };

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
  /** The admin account that acted (migration 0003); null for technicians, the API token and the CLI. */
  actor_id: string | null;
  action: string;
  occurred_at: string;
  ip: string | null;
  user_agent: string | null;
  /** JSON object. */
  details: string;
}

/**
 * A technician's unfinished enrollment. It is found by its resume code, which is stored only as
 * a SHA-256 so that the database alone does not let anyone continue somebody else's draft.
 */
export interface DraftsTable {
  id: string;
  code_hash: string;
  /** Wizard step the technician was on, 0-4. */
  step: number;
  /** JSON object: the enrollment fields as typed so far, unvalidated. */
  data: string;
  created_at: string;
  updated_at: string;
  /** Extended on every save; expired drafts are deleted by the hourly sweep. */
  expires_at: string;
  /** The language the technician chose ('en' | 'es'). */
  language: ColumnType<string, string | undefined, string>;
  /** Keyed hash of the address that started the draft (migration 0007); null for drafts the system opened. */
  creator_key: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One row per address that started drafts, locked while it starts another (migration 0007). */
export interface DraftCreatorsTable {
  address_key: string;
  last_created_at: string;
}

/** A file uploaded into a draft; committed to the file store before this row. */
export interface DraftFilesTable {
  id: string;
  draft_id: string;
  /** The upload slot (`vehicle_front`, …, `signature`). */
  field: string;
  position: number;
  storage_key: string;
  sha256: string;
  size_bytes: number;
  content_type: string;
  original_name: string | null;
  created_at: string;
}

export type AdminRole = 'admin' | 'reviewer';

/** An admin account. Created without a password: its one-time setup link sets one. */
export interface AdminUsersTable {
  id: string;
  /** Lower-case. */
  email: string;
  display_name: string;
  role: AdminRole;
  /** `scrypt$N$r$p$salt$hash` (see domain/auth/password.ts); null until set up. */
  password_hash: string | null;
  disabled: number;
  /** JSON object: the account's own settings, such as the list columns. */
  preferences: string;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
}

export type SetupTokenPurpose = 'first_admin' | 'invite' | 'reset';

export interface AdminSetupTokensTable {
  /** SHA-256 of the token in the link. */
  token_hash: string;
  user_id: string | null;
  purpose: SetupTokenPurpose;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AdminSessionsTable {
  /** SHA-256 of the cookie value. */
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  /** Sliding: pushed out on use. */
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottlesTable {
  key_hash: string;
  failures: number;
  last_failure_at: string;
  blocked_until: string | null;
}

export type OutboxState = 'waiting' | 'sent' | 'failed';

/** A message to deliver (migration 0006), written in the transaction of its cause. */
export interface OutboxTable {
  id: string;
  kind: string;
  /** JSON array. */
  recipients: string;
  /** JSON object: the facts the message is rendered from. */
  payload: string;
  /** Set by the first attempt (`<id@domain>`), then never changed. */
  message_id: string | null;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  enrollment_id: string | null;
  dedupe_key: string | null;
  created_at: string;
  /** Created, or resent by an admin: the give-up deadline counts from here. */
  queued_at: string;
  updated_at: string;
  sent_at: string | null;
  /** JSON object: what a multi-part delivery (a dashboard sync) has done so far (migration 0013). */
  progress: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface OutboxAttemptsTable {
  id: string;
  outbox_id: string;
  attempted_at: string;
  error: string | null;
  /** The HTTP answer of a dashboard or webhook attempt (migration 0013); null for e-mail. */
  response_status: ColumnType<number | null, number | null | undefined, number | null>;
  response_body: ColumnType<string | null, string | null | undefined, string | null>;
}

/** An admin-registered receiver of signed webhook events (migration 0013). */
export interface WebhookEndpointsTable {
  id: string;
  url: string;
  description: string;
  /** JSON array of event types. */
  events: string;
  enabled: number;
  /** `whsec_…`, used to sign every delivery. */
  secret: string;
  created_at: string;
  updated_at: string;
}

/** Who runs a scheduled job until when, so that one instance of several runs it. */
export interface JobLeasesTable {
  name: string;
  holder: string;
  expires_at: string;
}

/** A running server (migration 0018): live while `expires_at` is ahead; heartbeats push it out. */
export interface InstancesTable {
  id: string;
  host: string;
  pid: number;
  /** Where it listens (host:port), for the operator reading `byov status`. */
  address: string | null;
  started_at: string;
  heartbeat_at: string;
  expires_at: string;
  /** JSON `NewestBackup` (migration 0020): the newest verified backup on this instance's disk. */
  newest_backup: string | null;
}

/** A count shared by every instance, e.g. submissions since the last backup. */
export interface ScheduleCountersTable {
  name: string;
  value: number;
  updated_at: string;
}

/** Requests counted against one limit key in its current window (fixed windows). */
export interface RateLimitHitsTable {
  key: string;
  hits: number;
  window_ends_at: string;
}

/** A policy text some instance served (migration 0019), kept by its SHA-256. */
export interface PolicyVersionsTable {
  sha256: string;
  template_id: string;
  version: string;
  title: string;
  /** JSON array of USPS codes, or "*". */
  states: string;
  text: string;
  first_served_at: string;
  last_served_at: string;
}

export type BackupJobState = 'running' | 'succeeded' | 'failed';

/** A "Back up now" run (migration 0019), visible to every instance. */
export interface BackupJobsTable {
  id: string;
  state: BackupJobState;
  message: string | null;
  name: string | null;
  instance_id: string;
  started_at: string;
  updated_at: string;
}

export type AccessLinkPurpose = 'resume' | 'receipt' | 'renewal';

/** A link put into an e-mail: only the SHA-256 of its token is kept. */
export interface AccessLinksTable {
  token_hash: string;
  purpose: AccessLinkPurpose;
  target_id: string;
  created_at: string;
  expires_at: string;
}

/** A named API token (migration 0014): only the SHA-256 of the secret is kept. */
export interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  /** The token's first characters, shown so an admin can tell tokens apart. */
  token_prefix: string;
  /** JSON array of scope names. */
  scopes: string;
  created_at: string;
  /** The audit label of whoever created it. */
  created_by: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

export type OutboxRow = Selectable<OutboxTable>;
export type OutboxAttemptRow = Selectable<OutboxAttemptsTable>;
export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>;
export type EnrollmentRow = Selectable<EnrollmentsTable>;
export type NewEnrollmentRow = Insertable<EnrollmentsTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type NewDocumentRow = Insertable<DocumentsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = Insertable<AuditEventsTable>;
export type DraftRow = Selectable<DraftsTable>;
export type DraftFileRow = Selectable<DraftFilesTable>;
export type NewDraftFileRow = Insertable<DraftFilesTable>;
export type AdminUserRow = Selectable<AdminUsersTable>;
export type AdminSessionRow = Selectable<AdminSessionsTable>;

/**
 * Tables in dependency order: parents before children (for copying and counting). Admin
 * sessions, setup links and sign-in throttles are left out on purpose: they are short-lived
 * credentials and counters, and a restore must not bring back a session or a setup link; so
 * are e-mailed access links (credentials too), API tokens (a restore must not bring back a
 * revoked token), job leases, instances, schedule counters, rate-limit counts, backup jobs
 * and served policy versions (they describe running processes; each signed text is in its PDF).
 * The outbox is kept: a restored message still waiting is still sent; so are the webhook
 * endpoints, with the secrets their receivers verify.
 */
export const TABLES = [
  'settings',
  'webhook_endpoints',
  'admin_users',
  'enrollments',
  'documents',
  'checklist_tasks',
  'audit_events',
  'drafts',
  'draft_files',
  'outbox',
  'outbox_attempts',
] as const;
export type TableName = (typeof TABLES)[number];
