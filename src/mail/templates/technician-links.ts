import { renderLayout } from '../layout.js';
import { headerText } from '../mail-message.js';
import type { ExpiryReminderPayload, ResumeLinkPayload } from '../payloads.js';
import type { RenderContext, RenderedEmail } from './render-context.js';

const DOCUMENT_NAMES = { insurance: 'insurance', registration: 'registration' } as const;

function when(daysBefore: number): string {
  if (daysBefore === 0) return 'expires today';
  return daysBefore === 1 ? 'expires tomorrow' : `expires in ${daysBefore} days`;
}

export async function renderExpiryReminder(p: ExpiryReminderPayload, ctx: RenderContext): Promise<RenderedEmail> {
  const name = DOCUMENT_NAMES[p.document];
  const link = await ctx.renewalLink(p.enrollmentId, p.document);
  return {
    subject: headerText(`[${ctx.programName}] Your vehicle ${name} ${when(p.daysBefore)} (${p.expiresOn})`),
    ...renderLayout({
      programName: ctx.programName,
      heading: `Your ${name} ${when(p.daysBefore)}`,
      blocks: [
        {
          kind: 'paragraph',
          text: `Hello ${p.fullName}, the ${name} on file for enrollment ${p.reference} expires on ${p.expiresOn}. To stay enrolled, send the renewed document before then.`,
        },
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
  return {
    subject: headerText(`[${ctx.programName}] Your link to continue your enrollment`),
    ...renderLayout({
      programName: ctx.programName,
      heading: 'Continue your enrollment',
      blocks: [
        { kind: 'paragraph', text: 'You asked for a link to continue your vehicle enrollment where you left off.' },
        link
          ? { kind: 'link', label: 'Continue your enrollment', url: link }
          : { kind: 'paragraph', text: 'That draft has expired or was already sent; start a new enrollment.' },
        { kind: 'paragraph', text: 'If you did not ask for this, you can ignore this e-mail.' },
      ],
    }),
    attachments: [],
  };
}
