import { fieldLabel } from '../../shared/field-labels.js';
import { type Block, renderLayout } from '../layout.js';
import type {
  ChangeRequestPayload,
  ConfirmationPayload,
  DecisionPayload,
  EarlierAddressPayload,
  EnrollmentFacts,
} from '../payloads.js';
import { messageTexts, type TemplateKind } from './message-texts.js';
import { formatTimestamp, type RenderContext, type RenderedEmail } from './render-context.js';

/** A message whose subject and opening paragraph come from its (editable) texts. */
function email(
  ctx: RenderContext,
  kind: TemplateKind,
  values: Record<string, string>,
  heading: string,
  blocks: Block[],
): RenderedEmail {
  const texts = messageTexts(ctx.texts, kind, { ...values, program: ctx.programName });
  return {
    subject: texts.subject,
    ...renderLayout({
      programName: ctx.programName,
      heading,
      blocks: [...(texts.intro ? [{ kind: 'paragraph' as const, text: texts.intro }] : []), ...blocks],
    }),
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
  const values = {
    name: e.fullName,
    reference: e.reference,
    year: String(e.year),
    make: e.make,
    model: e.model,
  };
  return email(ctx, 'email.confirmation', values, 'Your enrollment was received', [
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
  const values = { name: p.fullName, reference: p.reference };
  return email(ctx, 'email.change_request', values, 'Please update your enrollment', [
    { kind: 'quote', text: p.message },
    ...(p.fields.length > 0
      ? [{ kind: 'list' as const, title: 'What to fix', items: p.fields.map((field) => fieldLabel(field)) }]
      : []),
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
  const values = { name: p.fullName, reference: p.reference };
  return email(ctx, 'email.rejection', values, 'Your enrollment was not approved', [
    { kind: 'quote', text: p.reason ?? '' },
    { kind: 'paragraph', text: 'You can reply to this e-mail with any question, or submit a new enrollment.' },
  ]);
}

export async function renderApproval(p: DecisionPayload, ctx: RenderContext): Promise<RenderedEmail> {
  const values = { name: p.fullName, reference: p.reference };
  return email(ctx, 'email.approval', values, 'Your enrollment is approved', [
    {
      kind: 'paragraph',
      text: 'Keep your insurance and registration current; you will be reminded before they expire.',
    },
  ]);
}

export async function renderEarlierAddress(p: EarlierAddressPayload, ctx: RenderContext): Promise<RenderedEmail> {
  const values = { techId: p.techId, reference: p.reference };
  return email(ctx, 'email.earlier_address', values, 'A new enrollment uses your tech ID', [
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
