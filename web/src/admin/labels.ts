/** The words the control center uses for statuses, fields and document kinds. */

import type { AuditAction } from '../../../src/shared/audit-actions.js';
import type { EnrollmentField } from '../../../src/shared/enrollment.schema.js';
import { ENROLLMENT_FIELDS } from '../../../src/shared/enrollment-fields.js';
import { UPLOAD_SLOTS } from '../../../src/shared/upload-slots.js';
import type { Compliance, EnrollmentStatus, ListColumn } from './api.js';

export const STATUS_LABELS: Record<EnrollmentStatus | 'deleted', string> = {
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
  changes_requested: 'Changes requested',
  superseded: 'Superseded',
  deleted: 'Deleted',
};

export const COMPLIANCE_LABELS: Record<Compliance, string> = {
  green: 'Compliant',
  yellow: 'Needs attention',
  red: 'Not compliant',
};

export const FIELD_LABELS = Object.fromEntries(ENROLLMENT_FIELDS.map((field) => [field.key, field.label])) as Record<
  EnrollmentField,
  string
>;

/** List column headers: the enrollment's fields by their short label, and the record's own columns. */
export const COLUMN_LABELS = {
  reference: 'Reference',
  revision: 'Revision',
  status: 'Status',
  compliance: 'Compliance',
  checklist: 'Checklist',
  ...(Object.fromEntries(ENROLLMENT_FIELDS.map((field) => [field.key, field.shortLabel])) as Record<
    EnrollmentField,
    string
  >),
  createdAt: 'Submitted',
  updatedAt: 'Updated',
  reviewedAt: 'Reviewed',
  reviewedBy: 'Reviewed by',
} satisfies Record<ListColumn, string>;

/** A field name or upload slot as people say it. */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field as EnrollmentField] ?? UPLOAD_SLOTS[field]?.label ?? field;
}

export function categoryLabel(category: string): string {
  if (category === 'signed_policy') return 'Signed policy';
  return UPLOAD_SLOTS[category]?.label ?? category;
}

/** Every audit action in words; the compiler insists on one for each action there is. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'enrollment.submitted': 'Enrollment submitted',
  'enrollment.imported': 'Imported from the earlier system',
  'enrollment.approved': 'Enrollment approved',
  'enrollment.rejected': 'Enrollment rejected',
  'enrollment.changes_requested': 'Enrollment changes requested',
  'enrollment.deleted': 'Enrollment deleted',
  'enrollment.restored': 'Enrollment restored',
  'enrollment.purged': 'Enrollment purged',
  'checklist.ticked': 'Checklist task done',
  'checklist.unticked': 'Checklist task reopened',
  'checklist.email_queued': 'Checklist task e-mail queued',
  'checklist.completed_by_email': 'Checklist task done: its e-mail was delivered',
  'checklist.completed_by_sync': 'Checklist task done: the dashboard sync completed',
  'dashboard.synced': 'Synced to the dashboard',
  'dashboard.sync_failed': 'Dashboard sync failed',
  'dashboard.sync_retried': 'Dashboard sync retried',
  'webhook.endpoint_created': 'Webhook endpoint added',
  'webhook.endpoint_updated': 'Webhook endpoint changed',
  'webhook.endpoint_deleted': 'Webhook endpoint removed',
  'webhook.test_queued': 'Webhook test event queued',
  'enrollments.exported': 'Enrollments exported',
  'settings.checklist_updated': 'Checklist settings changed',
  'settings.notifications_updated': 'Notification settings changed',
  'settings.approval_notice_updated': 'Approval notification settings changed',
  'settings.task_emails_updated': 'Checklist e-mail settings changed',
  'settings.templates_updated': 'E-mail templates changed',
  'api_token.created': 'API token created',
  'api_token.revoked': 'API token revoked',
  'api_token.used': 'API token used',
  'notification.resent': 'Notification sent again',
  'admin.user_created': 'Account created',
  'admin.user_updated': 'Account changed',
  'admin.password_reset_issued': 'Password reset link issued',
  'admin.password_reset': 'Password reset',
  'admin.account_set_up': 'Account set up',
  'data.cleared': 'All data cleared',
};

/** An action in words; one recorded by a newer version than this page is shown as stored. */
export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action as AuditAction] ?? action;
}
