import type { EmailKind, EmailPayloads } from '../payloads.js';
import { renderApprovalNotice } from './approval-notice.js';
import {
  renderApproval,
  renderChangeRequest,
  renderConfirmation,
  renderEarlierAddress,
  renderRejection,
} from './enrollment-messages.js';
import type { RenderContext, RenderedEmail } from './render-context.js';
import { renderSubmissionNotice } from './submission-notice.js';
import { renderTaskEmail } from './task-email.js';
import { renderExpiryReminder, renderResumeLink } from './technician-links.js';
import { renderWeeklyDigest } from './weekly-digest.js';

type Templates = { [K in EmailKind]: (payload: EmailPayloads[K], ctx: RenderContext) => Promise<RenderedEmail> };

const TEMPLATES: Templates = {
  'email.submission_notice': renderSubmissionNotice,
  'email.confirmation': renderConfirmation,
  'email.change_request': renderChangeRequest,
  'email.rejection': renderRejection,
  'email.approval': renderApproval,
  'email.earlier_address': renderEarlierAddress,
  'email.expiry_reminder': renderExpiryReminder,
  'email.resume_link': renderResumeLink,
  'email.approval_notice': renderApprovalNotice,
  'email.task': renderTaskEmail,
  'email.weekly_digest': renderWeeklyDigest,
};

export function isEmailKind(kind: string): kind is EmailKind {
  return Object.hasOwn(TEMPLATES, kind);
}

/** Renders a queued e-mail from its stored payload. */
export function renderEmail(kind: EmailKind, payload: unknown, ctx: RenderContext): Promise<RenderedEmail> {
  const render = TEMPLATES[kind] as (payload: unknown, ctx: RenderContext) => Promise<RenderedEmail>;
  return render(payload, ctx);
}
