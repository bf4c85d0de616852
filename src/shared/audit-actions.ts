/**
 * Every action the audit trail records, with the details each one carries: a closed list, so
 * the compiler checks each writer's details and each table keyed by action (the admin's
 * labels) for completeness. Bundled into the browser: no imports beyond src/shared.
 */
import type { DocumentCategory } from './upload-slots.js';

type EnrollmentStatusName = 'pending' | 'approved' | 'rejected' | 'changes_requested' | 'superseded';
type Role = 'admin' | 'reviewer';

/** Why a review decision was taken: the status it left, and the admin's words. */
interface ReviewDetails {
  from: EnrollmentStatusName;
  note?: string;
  /** For requested changes: the fields and upload slots to redo. */
  fields?: string[];
}

export interface AuditDetails {
  'enrollment.submitted': {
    revision: number;
    supersedes: string | null;
    source: 'direct' | 'draft';
    policy: { id: string; version: string; sha256: string };
    signedPdfSha256: string;
    documents: { category: DocumentCategory; sha256: string }[];
  };
  'enrollment.imported': {
    source: { file: string; kind: string; sha256: string };
    legacyId: string;
    flags: { code: string; message: string }[];
    documents: { category: DocumentCategory; sha256: string; legacyPath: string }[];
    missingFiles: { legacyDocumentId: number; docType: string; path: string; reason: string }[];
    signedPolicy: { sha256: string; imported: boolean } | null;
    checklistTicks: number;
    /** What the earlier version recorded about the enrollment's review. */
    earlier: Record<string, unknown>;
  };
  'enrollment.approved': ReviewDetails;
  'enrollment.rejected': ReviewDetails;
  'enrollment.changes_requested': ReviewDetails;
  'enrollment.deleted': { revisions: number; purgeAfterDays: number };
  'enrollment.restored': { revisions: number; deletedAt: string | null };
  'enrollment.purged': { reference: string; revisions?: number; documents?: number; reason?: string };
  'checklist.ticked': { task: string };
  'checklist.unticked': { task: string };
  /** An admin queued a task's e-mail ("Send" on the checklist). */
  'checklist.email_queued': { task: string; outboxId: string; recipientCount: number };
  /** The task's e-mail was delivered and the task ticked itself (actor `system`). */
  'checklist.completed_by_email': { task: string; outboxId: string };
  /** The dashboard sync was accepted and the "approved and synced" task ticked itself (actor `system`). */
  'checklist.completed_by_sync': { task: string; outboxId: string };
  /** The dashboard accepted the record and every photo (actor `system`). */
  'dashboard.synced': { outboxId: string; externalId: string; attempts: number };
  /** The dashboard refused the sync, or it was given up after its retries (actor `system`). */
  'dashboard.sync_failed': { outboxId: string; externalId: string; status: number | null; reason: string };
  /** An admin asked for the sync again ("Retry" on the enrollment). */
  'dashboard.sync_retried': { outboxId: string; previousState: string };
  'webhook.endpoint_created': { endpointId: string; host: string; events: string[]; enabled: boolean };
  'webhook.endpoint_updated': { endpointId: string; host: string; events: string[]; enabled: boolean };
  'webhook.endpoint_deleted': { endpointId: string; host: string };
  /** An admin queued a test event to an endpoint. */
  'webhook.test_queued': { endpointId: string; outboxId: string };
  'enrollments.exported': { query: Record<string, unknown> };
  'settings.checklist_updated': { keys: string[] };
  'settings.notifications_updated': { inboxCount: number; reminderOffsets: number[] };
  'settings.approval_notice_updated': {
    enabled: boolean;
    recipientCount: number;
    fields: string[];
    documents: string[];
    subject: string;
  };
  'settings.task_emails_updated': {
    tasks: { key: string; recipientCount: number; onApproval: boolean; completesTask: boolean }[];
  };
  /** The message kinds whose subject or opening text now differs from the built-in one. */
  'settings.templates_updated': { customized: string[] };
  'notification.resent': { outboxId: string; kind: string; previousState: string };
  'admin.user_created': { userId: string; role: Role };
  'admin.user_updated': { userId: string; role?: Role; disabled?: boolean };
  'admin.password_reset_issued': { userId: string };
  'admin.password_reset': { role: Role };
  'admin.account_set_up': { role: Role };
  'api_token.created': { tokenId: string; name: string; scopes: string[]; expiresAt: string };
  'api_token.revoked': { tokenId: string; name: string };
  /** A call made with an API token (actor `token:<name>`): the route, not the full address. */
  'api_token.used': { tokenId: string; method: string; route: string; status: number };
  'data.cleared': {
    removed: {
      enrollments: number;
      documents: number;
      checklistTasks: number;
      enrollmentAuditEvents: number;
      drafts: number;
      storedFiles: number;
    };
    safetyBackup: string;
  };
}

export type AuditAction = keyof AuditDetails;

/** One event as the API presents it, its details typed by its action. */
export type PresentedAuditEvent = {
  [A in AuditAction]: {
    id: string;
    enrollmentId: string | null;
    actor: string;
    actorId: string | null;
    action: A;
    occurredAt: string;
    ip: string | null;
    userAgent: string | null;
    details: AuditDetails[A];
  };
}[AuditAction];
