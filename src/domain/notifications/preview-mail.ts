import type { MailConfig } from '../../config.js';
import { AppError } from '../../errors.js';
import type { EmailKind, EmailPayloads } from '../../mail/payloads.js';
import { renderEmail } from '../../mail/templates/index.js';
import { TEMPLATE_KINDS, type TemplateKind, type TextOverrides } from '../../mail/templates/message-texts.js';
import type { RenderContext } from '../../mail/templates/render-context.js';
import { ApprovalNoticeSettingsSchema } from './approval-notice-settings.js';
import { approvalNoticePayload, taskEmailPayload } from './build-mail-payloads.js';
import { sampleEnrollment } from './sample-enrollment.js';
import { samplePayloads } from './sample-payloads.js';
import { parseSettings } from './save-mail-settings.js';
import { TaskEmailSchema } from './task-email-settings.js';
import { TemplateSettingsSchema } from './template-settings.js';

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
function previewContext(deps: PreviewDeps, texts?: TextOverrides): RenderContext {
  const sampleLink = async () => `${deps.config.publicUrl}/?preview-link`;
  return {
    programName: deps.config.mail.programName,
    ...(texts ? { texts } : {}),
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
  texts?: TextOverrides,
): Promise<MailPreview> {
  const rendered = await renderEmail(kind, payload, previewContext(deps, texts));
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

/** One message `{kind, subject, intro}` with the texts being edited, for a made-up enrollment. */
export async function previewTemplate(deps: PreviewDeps, body: unknown): Promise<MailPreview> {
  const { kind, ...texts } = (body ?? {}) as { kind?: unknown };
  if (!TEMPLATE_KINDS.includes(kind as TemplateKind)) {
    throw new AppError('VALIDATION_FAILED', 'Choose the message to preview.', { field: 'kind' });
  }
  const known = kind as TemplateKind;
  let templates: TextOverrides;
  try {
    templates = parseSettings(TemplateSettingsSchema, { templates: { [known]: texts } }, 'subject', 9).templates;
  } catch (error) {
    // The form has one subject and one opening text: name those, not the stored path.
    if (!(error instanceof AppError)) throw error;
    throw new AppError(error.code, error.message, { field: error.field?.split('.').at(-1) ?? 'subject' });
  }
  return renderPreview(deps, known, samplePayloads(deps.now())[known], templates);
}
