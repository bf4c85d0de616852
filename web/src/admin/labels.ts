/** The words the control center uses for statuses, fields and document kinds. */

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

/** "enrollment.changes_requested" → "Enrollment changes requested". */
export function actionLabel(action: string): string {
  const text = action.replace(/[._]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
