import { fieldLabel } from '../../shared/field-labels.js';
import { type Block, renderLayout } from '../layout.js';
import { headerText } from '../mail-message.js';
import type {
  ChangeRequestPayload,
  ConfirmationPayload,
  DecisionPayload,
  EarlierAddressPayload,
  EnrollmentFacts,
} from '../payloads.js';
import { formatTimestamp, type RenderContext, type RenderedEmail } from './render-context.js';

function subject(ctx: RenderContext, text: string): string {
  return headerText(`[${ctx.programName}] ${text}`);
}

function email(ctx: RenderContext, subjectText: string, heading: string, blocks: Block[]): RenderedEmail {
  return {
    subject: subject(ctx, subjectText),
    ...renderLayout({ programName: ctx.programName, heading, blocks }),
    attachments: [],
  };
}

/** The enrollment's facts, grouped as the admin pages group them. */
export function summaryBlocks(e: EnrollmentFacts): Block[] {
  return [
    {
      kind: 'facts',
      title: 'Technician',
      rows: [
        ['Name', e.fullName],
        ['Tech ID', e.techId],
        ['District', e.district],
        ['State', e.state],
        ['Referred by', e.referredBy ?? '—'],
        ['Industries', e.industries.join(', ') || '—'],
        ['E-mail', e.email],
        ['Phone', e.phone ?? '—'],
      ],
    },
    {
      kind: 'facts',
      title: 'Vehicle',
      rows: [
        ['Year', String(e.year)],
        ['Make', e.make],
        ['Model', e.model],
        ['VIN', e.vin],
      ],
    },
    {
      kind: 'facts',
      title: 'Documents',
      rows: [
        ['Insurance expires', e.insuranceExpiration],
        ['Registration expires', e.registrationExpiration],
      ],
    },
  ];
}

export async function renderConfirmation(p: ConfirmationPayload, ctx: RenderContext): Promise<RenderedEmail> {
  const e = p.enrollment;
  return email(ctx, `We received your enrollment ${e.reference}`, 'Your enrollment was received', [
    { kind: 'paragraph', text: `Hello ${e.fullName}, thank you: your vehicle enrollment is in.` },
    {
      kind: 'facts',
      rows: [
        ['Reference', e.reference],
        ['Submitted', formatTimestamp(e.submittedAt)],
        ['Vehicle', `${e.year} ${e.make} ${e.model}`],
      ],
    },
    {
      kind: 'paragraph',
      text: 'What happens next: the program team reviews your enrollment. You will get an e-mail when it is approved, or if anything needs to be changed. Keep the reference above for any question.',
    },
    { kind: 'link', label: 'Download your signed policy (PDF)', url: await ctx.receiptLink(e.enrollmentId) },
  ]);
}

export async function renderChangeRequest(p: ChangeRequestPayload, ctx: RenderContext): Promise<RenderedEmail> {
  const link = await ctx.resumeLink(p.draftId);
  return email(ctx, `Changes needed for your enrollment ${p.reference}`, 'Please update your enrollment', [
    {
      kind: 'paragraph',
      text: `Hello ${p.fullName}, the program team reviewed enrollment ${p.reference} and asks you to change a few things:`,
    },
    { kind: 'quote', text: p.message },
    ...(p.fields.length > 0 ? [{ kind: 'list' as const, title: 'What to fix', items: p.fields.map(fieldLabel) }] : []),
    link
      ? { kind: 'link', label: 'Open your enrollment to make the changes', url: link }
      : {
          kind: 'paragraph',
          text: 'The link for these changes has expired or was replaced; reply to this e-mail for a new one.',
        },
    {
      kind: 'paragraph',
      text: `The link works until ${formatTimestamp(p.draftExpiresAt)}. Only the marked items need your attention; you will sign the policy again before sending.`,
    },
  ]);
}

export async function renderRejection(p: DecisionPayload, ctx: RenderContext): Promise<RenderedEmail> {
  return email(ctx, `Your enrollment ${p.reference} was not approved`, 'Your enrollment was not approved', [
    {
      kind: 'paragraph',
      text: `Hello ${p.fullName}, the program team could not approve enrollment ${p.reference}. The reason given:`,
    },
    { kind: 'quote', text: p.reason ?? '' },
    { kind: 'paragraph', text: 'You can reply to this e-mail with any question, or submit a new enrollment.' },
  ]);
}

export async function renderApproval(p: DecisionPayload, ctx: RenderContext): Promise<RenderedEmail> {
  return email(ctx, `Your enrollment ${p.reference} is approved`, 'Your enrollment is approved', [
    { kind: 'paragraph', text: `Hello ${p.fullName}, good news: enrollment ${p.reference} is approved.` },
    {
      kind: 'paragraph',
      text: 'Keep your insurance and registration current; you will be reminded before they expire.',
    },
  ]);
}

export async function renderEarlierAddress(p: EarlierAddressPayload, ctx: RenderContext): Promise<RenderedEmail> {
  return email(ctx, `A new enrollment was submitted for tech ID ${p.techId}`, 'A new enrollment uses your tech ID', [
    {
      kind: 'paragraph',
      text: 'An enrollment was just submitted for your tech ID with a different e-mail address from the one you used before. If that was you, there is nothing to do.',
    },
    {
      kind: 'facts',
      rows: [
        ['Tech ID', p.techId],
        ['Reference', p.reference],
        ['Revision', String(p.revision)],
        ['Submitted', formatTimestamp(p.submittedAt)],
      ],
    },
    { kind: 'paragraph', text: 'If you did not submit it, reply to this e-mail so the program team can look into it.' },
  ]);
}
