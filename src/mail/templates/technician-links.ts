import { type Block, renderLayout } from '../layout.js';
import type { ExpiryReminderPayload, ResumeLinkPayload } from '../payloads.js';
import { messageTexts } from './message-texts.js';
import type { RenderContext, RenderedEmail } from './render-context.js';
import { type TFunction, technicianText } from './technician-catalog.js';

function intro(text: string): Block[] {
  return text ? [{ kind: 'paragraph', text }] : [];
}

/** "expires today / tomorrow / in N days", or the heading built the same way, as whole phrases. */
function byDays(t: TFunction, part: 'when' | 'heading', days: number, document: string): string {
  if (days === 0) return t(`expiry.${part}Today`, { document });
  if (days === 1) return t(`expiry.${part}Tomorrow`, { document });
  return t(`expiry.${part}`, { count: days, document });
}

export async function renderExpiryReminder(p: ExpiryReminderPayload, ctx: RenderContext): Promise<RenderedEmail> {
  const language = p.language ?? 'en';
  const t = technicianText(language);
  const name = t(`expiry.${p.document}`);
  const link = await ctx.renewalLink(p.enrollmentId, p.document);
  const values = {
    program: ctx.programName,
    name: p.fullName,
    reference: p.reference,
    document: name,
    when: byDays(t, 'when', p.daysBefore, name),
    expiresOn: p.expiresOn,
    days: String(p.daysBefore),
  };
  const texts = messageTexts(ctx.texts, 'email.expiry_reminder', values, language);
  return {
    subject: texts.subject,
    ...renderLayout({
      programName: ctx.programName,
      heading: byDays(t, 'heading', p.daysBefore, name),
      language,
      blocks: [
        ...intro(texts.intro),
        {
          kind: 'facts',
          rows: [
            [t('facts.reference'), p.reference],
            [t('facts.document'), name],
            [t('facts.expires'), p.expiresOn],
          ],
        },
        link
          ? { kind: 'link', label: t('expiry.upload', { document: name }), url: link }
          : { kind: 'paragraph', text: t('expiry.reply') },
        { kind: 'paragraph', text: t('expiry.how') },
      ],
    }),
    attachments: [],
  };
}

export async function renderResumeLink(p: ResumeLinkPayload, ctx: RenderContext): Promise<RenderedEmail> {
  const language = p.language ?? 'en';
  const t = technicianText(language);
  const link = await ctx.resumeLink(p.draftId);
  const texts = messageTexts(ctx.texts, 'email.resume_link', { program: ctx.programName }, language);
  return {
    subject: texts.subject,
    ...renderLayout({
      programName: ctx.programName,
      heading: t('resume.heading'),
      language,
      blocks: [
        ...intro(texts.intro),
        link ? { kind: 'link', label: t('resume.link'), url: link } : { kind: 'paragraph', text: t('resume.gone') },
        { kind: 'paragraph', text: t('resume.ignore') },
      ],
    }),
    attachments: [],
  };
}
