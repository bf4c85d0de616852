import { type Block, renderLayout } from '../layout.js';
import type { DigestItem, WeeklyDigestPayload } from '../payloads.js';
import { messageTexts } from './message-texts.js';
import type { RenderContext, RenderedEmail } from './render-context.js';

function line(item: DigestItem): string {
  return `${item.expiresOn}: ${item.document} of ${item.fullName} (Tech ID ${item.techId}), ${item.reference}`;
}

/** The program inbox's weekly list of documents expired, or expiring within 30 days. */
export async function renderWeeklyDigest(p: WeeklyDigestPayload, ctx: RenderContext): Promise<RenderedEmail> {
  const expired = p.items.filter((item) => item.expiresOn < p.asOf);
  const expiring = p.items.filter((item) => item.expiresOn >= p.asOf);
  const texts = messageTexts(ctx.texts, 'email.weekly_digest', {
    program: ctx.programName,
    weekOf: p.weekOf,
    expired: String(expired.length),
    expiring: String(expiring.length),
  });
  const blocks: Block[] = [
    ...(texts.intro ? [{ kind: 'paragraph' as const, text: texts.intro }] : []),
    {
      kind: 'paragraph',
      text:
        p.items.length === 0
          ? `Nothing expired and nothing expires in the next ${p.withinDays} days.`
          : `${expired.length} expired, ${expiring.length} expiring in the next ${p.withinDays} days (as of ${p.asOf}).`,
    },
    ...(expired.length > 0 ? [{ kind: 'list' as const, title: 'Expired', items: expired.map(line) }] : []),
    ...(expiring.length > 0
      ? [{ kind: 'list' as const, title: `Expiring within ${p.withinDays} days`, items: expiring.map(line) }]
      : []),
    { kind: 'link', label: 'Open the enrollments (sign-in required)', url: `${ctx.publicUrl}/admin/enrollments` },
  ];
  return {
    subject: texts.subject,
    ...renderLayout({ programName: ctx.programName, heading: `Expiry digest for the week of ${p.weekOf}`, blocks }),
    attachments: [],
  };
}
