import type { Kysely } from 'kysely';
import type { Database, EnrollmentRow } from '../../storage/database.js';
import { listChecklistOf } from '../../storage/repositories/checklist.repository.js';
import { listDocumentsOf } from '../../storage/repositories/document.repository.js';
import { readApprovalNoticeSettings } from './approval-notice-settings.js';
import { approvalNoticePayload, taskEmailPayload } from './build-mail-payloads.js';
import { enqueueEmail } from './enqueue-submission-messages.js';
import { readTaskEmailSettings } from './task-email-settings.js';

/**
 * The e-mails an approval causes besides the technician's, in the approval's transaction: the
 * approval notification (when enabled, to its recipients) and the e-mail of every open
 * checklist task set to go out on approval, such as the HR policy e-mail.
 */
export async function enqueueApprovalMessages(trx: Kysely<Database>, row: EnrollmentRow, at: Date): Promise<void> {
  const documents = await listDocumentsOf(trx, row.id);
  const notice = await readApprovalNoticeSettings(trx);
  if (notice.enabled && notice.recipients.length > 0) {
    await enqueueEmail(trx, 'email.approval_notice', {
      to: notice.recipients,
      payload: approvalNoticePayload(row, documents, notice, at),
      enrollmentId: row.id,
      at,
    });
  }
  const { tasks } = await readTaskEmailSettings(trx);
  for (const task of await listChecklistOf(trx, row.id)) {
    const email = tasks[task.task_key];
    if (!email?.onApproval || email.recipients.length === 0 || task.completed_at !== null) continue;
    await enqueueEmail(trx, 'email.task', {
      to: email.recipients,
      payload: taskEmailPayload(row, { key: task.task_key, label: task.label }, email, documents),
      enrollmentId: row.id,
      at,
    });
  }
}
