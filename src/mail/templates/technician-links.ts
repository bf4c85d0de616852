import { type Block, renderLayout } from '../layout.js';
import type { ExpiryReminderPayload, ResumeLinkPayload } from '../payloads.js';
import { messageTexts } from './message-texts.js';
import type { RenderContext, RenderedEmail } from './render-context.js';

function intro(text: string): Block[] {
  return text ? [{ kind: 'paragraph', text }] : [];
}

const DOCUMENT_NAMES = { insurance: 'insurance', registration: 'registration' } as const;

function when(daysBefore: number): string {
  if (daysBefore === 0) return 'expires today';
  return daysBefore === 1 ? 'expires tomorrow' : `expires in ${daysBefore} days`;
}

export async function renderExpiryReminder(p: ExpiryReminderPayload, ctx: RenderContext): Promise<RenderedEmail> {
  const name = DOCUMENT_NAMES[p.document];
  const link = await ctx.renewalLink(p.enrollmentId, p.document);
  const texts = messageTexts(ctx.texts, 'email.expiry_reminder', {
    program: ctx.programName,
    name: p.fullName,
    reference: p.reference,
    document: name,
    when: when(p.daysBefore),
    expiresOn: p.expiresOn,
    days: String(p.daysBefore),
  });
  return {
    subject: texts.subject,
    ...renderLayout({
      programName: ctx.programName,
      heading: `Your ${name} ${when(p.daysBefore)}`,
      blocks: [
        ...intro(texts.intro),
        {
          kind: 'facts',
          rows: [
            ['Reference', p.reference],
            ['Document', name],
            ['Expires', p.expiresOn],
          ],
        },
        link
          ? { kind: 'link', label: `Upload your renewed ${name}`, url: link }
          : { kind: 'paragraph', text: 'Reply to this e-mail to send the renewed document.' },
        {
          kind: 'paragraph',
          text: 'The link opens your enrollment with everything filled in: add the new document and its expiry date, sign, and send. It is reviewed like any other update.',
        },
      ],
    }),
    attachments: [],
  };
}

export async function renderResumeLink(p: ResumeLinkPayload, ctx: RenderContext): Promise<RenderedEmail> {
  const link = await ctx.resumeLink(p.draftId);
  const texts = messageTexts(ctx.texts, 'email.resume_link', { program: ctx.programName });
  return {
    subject: texts.subject,
    ...renderLayout({
      programName: ctx.programName,
      heading: 'Continue your enrollment',
      blocks: [
        ...intro(texts.intro),
        link
          ? { kind: 'link', label: 'Continue your enrollment', url: link }
          : { kind: 'paragraph', text: 'That draft has expired or was already sent; start a new enrollment.' },
        { kind: 'paragraph', text: 'If you did not ask for this, you can ignore this e-mail.' },
      ],
    }),
    attachments: [],
  };
}
