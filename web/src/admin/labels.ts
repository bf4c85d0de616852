/** The words the control center uses for statuses, fields and document kinds. */

import type { AuditAction } from '../../../src/shared/audit-actions.js';
import type { EnrollmentField } from '../../../src/shared/enrollment.schema.js';
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

export const FIELD_LABELS: Record<EnrollmentField, string> = {
  fullName: 'Full name',
  techId: 'Tech ID',
  district: 'District',
  state: 'State',
  referredBy: 'Referred by',
  industries: 'Industries',
  email: 'Email',
  phone: 'Phone',
  vin: 'VIN',
  year: 'Year',
  make: 'Make',
  model: 'Model',
  color: 'Color',
  plate: 'License plate',
  insuranceProvider: 'Insurance provider',
  insurancePolicyNumber: 'Insurance policy number',
  insuranceExpiration: 'Insurance expiration',
  registrationExpiration: 'Registration expiration',
  comment: 'Comment',
  policyAcknowledged: 'Policy acknowledged',
};

export const COLUMN_LABELS: Record<ListColumn, string> = {
  reference: 'Reference',
  revision: 'Revision',
  status: 'Status',
  compliance: 'Compliance',
  checklist: 'Checklist',
  district: 'District',
  state: 'State',
  referredBy: 'Referred by',
  industries: 'Industries',
  email: 'Email',
  phone: 'Phone',
  vin: 'VIN',
  year: 'Year',
  make: 'Make',
  model: 'Model',
  color: 'Color',
  plate: 'Plate',
  insuranceProvider: 'Insurance provider',
  insurancePolicyNumber: 'Policy number',
  insuranceExpiration: 'Insurance expires',
  registrationExpiration: 'Registration expires',
  createdAt: 'Submitted',
  updatedAt: 'Updated',
  reviewedAt: 'Reviewed',
  reviewedBy: 'Reviewed by',
};

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
  'enrollments.exported': 'Enrollments exported',
  'settings.checklist_updated': 'Checklist settings changed',
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
