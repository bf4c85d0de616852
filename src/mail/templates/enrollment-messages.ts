import { fieldLabel, type Language } from '../../shared/field-labels.js';
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
import { technicianText } from './technician-catalog.js';

/**
 * A message to a technician, in their language: subject and opening paragraph from its
 * (editable) texts, the rest from the technician catalog.
 */
function email(
  ctx: RenderContext,
  message: { kind: TemplateKind; language: Language; values: Record<string, string>; heading: string },
  blocks: Block[],
): RenderedEmail {
  const { kind, language, values, heading } = message;
  const texts = messageTexts(ctx.texts, kind, { ...values, program: ctx.programName }, language);
  return {
    subject: texts.subject,
    ...renderLayout({
      programName: ctx.programName,
      heading,
      language,
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
  const language = p.language ?? 'en';
  const t = technicianText(language);
  const vehicle = { year: String(e.year), make: e.make, model: e.model };
  const values = { name: e.fullName, reference: e.reference, ...vehicle };
  return email(ctx, { kind: 'email.confirmation', language, values, heading: t('confirmation.heading') }, [
    {
      kind: 'facts',
      rows: [
        [t('facts.reference'), e.reference],
        [t('facts.submitted'), formatTimestamp(e.submittedAt)],
        [t('facts.vehicle'), t('facts.vehicleValue', vehicle)],
      ],
    },
    { kind: 'paragraph', text: t('confirmation.next') },
    { kind: 'link', label: t('confirmation.pdf'), url: await ctx.receiptLink(e.enrollmentId) },
  ]);
}

export async function renderChangeRequest(p: ChangeRequestPayload, ctx: RenderContext): Promise<RenderedEmail> {
  const link = await ctx.resumeLink(p.draftId);
  const language = p.language ?? 'en';
  const t = technicianText(language);
  const values = { name: p.fullName, reference: p.reference };
  const items = p.fields.map((field) => fieldLabel(field, language));
  return email(ctx, { kind: 'email.change_request', language, values, heading: t('changeRequest.heading') }, [
    { kind: 'quote', text: p.message },
    ...(items.length > 0 ? [{ kind: 'list' as const, title: t('changeRequest.whatToFix'), items }] : []),
    link
      ? { kind: 'link', label: t('changeRequest.open'), url: link }
      : { kind: 'paragraph', text: t('changeRequest.linkGone') },
    { kind: 'paragraph', text: t('changeRequest.until', { until: formatTimestamp(p.draftExpiresAt) }) },
  ]);
}

export async function renderRejection(p: DecisionPayload, ctx: RenderContext): Promise<RenderedEmail> {
  const language = p.language ?? 'en';
  const t = technicianText(language);
  const values = { name: p.fullName, reference: p.reference };
  return email(ctx, { kind: 'email.rejection', language, values, heading: t('rejection.heading') }, [
    { kind: 'quote', text: p.reason ?? '' },
    { kind: 'paragraph', text: t('rejection.next') },
  ]);
}

export async function renderApproval(p: DecisionPayload, ctx: RenderContext): Promise<RenderedEmail> {
  const language = p.language ?? 'en';
  const t = technicianText(language);
  const values = { name: p.fullName, reference: p.reference };
  return email(ctx, { kind: 'email.approval', language, values, heading: t('approval.heading') }, [
    { kind: 'paragraph', text: t('approval.keepCurrent') },
  ]);
}

export async function renderEarlierAddress(p: EarlierAddressPayload, ctx: RenderContext): Promise<RenderedEmail> {
  const language = p.language ?? 'en';
  const t = technicianText(language);
  const values = { techId: p.techId, reference: p.reference };
  return email(ctx, { kind: 'email.earlier_address', language, values, heading: t('earlierAddress.heading') }, [
    {
      kind: 'facts',
      rows: [
        [t('facts.techId'), p.techId],
        [t('facts.reference'), p.reference],
        [t('facts.revision'), String(p.revision)],
        [t('facts.submitted'), formatTimestamp(p.submittedAt)],
      ],
    },
    { kind: 'paragraph', text: t('earlierAddress.notYou') },
  ]);
}
