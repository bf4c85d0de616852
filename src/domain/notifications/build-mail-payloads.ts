import type { ApprovalNoticePayload, FieldValue, TaskEmailPayload } from '../../mail/payloads.js';
import { FIELD_BY_KEY } from '../../shared/enrollment-fields.js';
import type { DocumentRow, EnrollmentRow } from '../../storage/database.js';
import { presentFields } from '../enrollment/present-enrollment.js';
import { type ApprovalNoticeSettings, isChosenDocument } from './approval-notice-settings.js';
import { documentRef, enrollmentVars } from './mail-placeholders.js';
import type { TaskEmail } from './task-email-settings.js';

/** A field's value as a line of text: lists joined, yes/no for a box, a dash for nothing. */
function asText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.join(', ') || '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/**
 * The approval notification's facts, as the settings choose them when the approval is
 * recorded: later changes to the settings do not alter a message already queued.
 */
export function approvalNoticePayload(
  row: EnrollmentRow,
  documents: readonly DocumentRow[],
  settings: ApprovalNoticeSettings,
  approvedAt: Date,
): ApprovalNoticePayload {
  const values = presentFields(row) as unknown as Record<string, unknown>;
  const fields: FieldValue[] = settings.fields.flatMap((key) => {
    const field = (FIELD_BY_KEY as Record<string, { label: string; section: string } | undefined>)[key];
    return field ? [{ key, label: field.label, section: field.section, value: asText(values[key]) }] : [];
  });
  return {
    enrollmentId: row.id,
    reference: row.reference,
    submittedAt: row.created_at,
    approvedAt: approvedAt.toISOString(),
    subjectTemplate: settings.subject,
    vars: enrollmentVars(row),
    fields,
    documents: documents.filter((d) => isChosenDocument(d.category, settings.documents)).map(documentRef),
  };
}

/** A checklist task's e-mail for one enrollment, from the task's settings. */
export function taskEmailPayload(
  row: EnrollmentRow,
  task: { key: string; label: string },
  email: TaskEmail,
  documents: readonly DocumentRow[],
): TaskEmailPayload {
  const signed = email.attachSignedPolicy ? documents.find((d) => d.category === 'signed_policy') : undefined;
  return {
    enrollmentId: row.id,
    reference: row.reference,
    taskKey: task.key,
    taskLabel: task.label,
    subjectTemplate: email.subject,
    introTemplate: email.intro,
    vars: enrollmentVars(row),
    facts: [
      ['Name', row.full_name],
      ['Tech ID', row.tech_id],
      ['District', row.district],
      ['Reference', row.reference],
      ['Enrolled', row.created_at.slice(0, 10)],
    ],
    signedPolicy: signed ? documentRef(signed) : null,
    completesTask: email.completesTask,
  };
}
