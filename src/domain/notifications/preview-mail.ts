import type { MailConfig } from '../../config.js';
import type { EmailKind, EmailPayloads } from '../../mail/payloads.js';
import { renderEmail } from '../../mail/templates/index.js';
import type { RenderContext } from '../../mail/templates/render-context.js';
import { ApprovalNoticeSettingsSchema } from './approval-notice-settings.js';
import { approvalNoticePayload, taskEmailPayload } from './build-mail-payloads.js';
import { sampleEnrollment } from './sample-enrollment.js';
import { parseSettings } from './save-mail-settings.js';
import { TaskEmailSchema } from './task-email-settings.js';

export interface MailPreview {
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; contentType: string }[];
}

interface PreviewDeps {
  config: { publicUrl: string; mail: Pick<MailConfig, 'programName' | 'attachmentsMaxBytes'> };
  now: () => Date;
}

/** Renders as the sender would, with placeholder links and no file read. */
function previewContext(deps: PreviewDeps): RenderContext {
  const sampleLink = async () => `${deps.config.publicUrl}/?preview-link`;
  return {
    programName: deps.config.mail.programName,
    publicUrl: deps.config.publicUrl,
    now: deps.now(),
    attachmentsMaxBytes: deps.config.mail.attachmentsMaxBytes,
    receiptLink: sampleLink,
    resumeLink: sampleLink,
    renewalLink: sampleLink,
    readFile: async () => Buffer.alloc(0),
  };
}

export async function renderPreview<K extends EmailKind>(
  deps: PreviewDeps,
  kind: K,
  payload: EmailPayloads[K],
): Promise<MailPreview> {
  const rendered = await renderEmail(kind, payload, previewContext(deps));
  return {
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    attachments: rendered.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType })),
  };
}

/**
 * The approval notification as the settings in `body` (the form as it is, saved or not) would
 * make it, for a made-up enrollment: subject, HTML, text and the attachments' names.
 */
export async function previewApprovalNotice(deps: PreviewDeps, body: unknown): Promise<MailPreview> {
  const settings = parseSettings(ApprovalNoticeSettingsSchema, body, 'recipients');
  const sample = sampleEnrollment(deps.now());
  return renderPreview(
    deps,
    'email.approval_notice',
    approvalNoticePayload(sample.row, sample.documents, settings, deps.now()),
  );
}

/** A checklist task's e-mail as the settings in `body` would make it, for a made-up enrollment. */
export async function previewTaskEmail(deps: PreviewDeps, body: unknown): Promise<MailPreview> {
  const { label, ...email } = (body ?? {}) as { label?: unknown };
  const settings = parseSettings(TaskEmailSchema, email, 'subject');
  const sample = sampleEnrollment(deps.now());
  const task = {
    key: 'task',
    label: typeof label === 'string' && label.trim() ? label.trim().slice(0, 120) : 'Checklist task',
  };
  return renderPreview(deps, 'email.task', taskEmailPayload(sample.row, task, settings, sample.documents));
}
