import { fillTemplate } from '../fill-template.js';
import { type Block, renderLayout } from '../layout.js';
import { headerText } from '../mail-message.js';
import type { ApprovalNoticePayload, FieldValue } from '../payloads.js';
import { formatTimestamp, type RenderContext, type RenderedEmail } from './render-context.js';
import { pickAttachments } from './submission-notice.js';

const SECTION_TITLES: Record<string, string> = {
  technician: 'Technician',
  vehicle: 'Vehicle',
  documents: 'Documents',
  policy: 'Policy',
};

/**
 * The approval notification: the fields and documents an admin chose in settings, under the
 * subject written there. Values are escaped by the layout and flattened in the subject.
 */
export async function renderApprovalNotice(p: ApprovalNoticePayload, ctx: RenderContext): Promise<RenderedEmail> {
  const { attachments, left } = await pickAttachments(p.documents, p.reference, ctx);
  const blocks: Block[] = [
    {
      kind: 'facts',
      rows: [
        ['Reference', p.reference],
        ['Submitted', formatTimestamp(p.submittedAt)],
        ['Approved', formatTimestamp(p.approvedAt)],
      ],
    },
    ...groupBySection(p.fields),
    ...(attachments.length > 0
      ? [{ kind: 'list' as const, title: 'Attached', items: attachments.map((a) => a.filename) }]
      : []),
    ...(left.length > 0
      ? [{ kind: 'list' as const, title: 'Not attached (too large for one e-mail; open the enrollment)', items: left }]
      : []),
    {
      kind: 'link',
      label: 'Open the enrollment (sign-in required)',
      url: `${ctx.publicUrl}/admin/enrollments/${encodeURIComponent(p.enrollmentId)}`,
    },
  ];
  return {
    subject: headerText(fillTemplate(p.subjectTemplate, { ...p.vars, program: ctx.programName })),
    ...renderLayout({ programName: ctx.programName, heading: 'Enrollment approved', blocks }),
    attachments,
  };
}

function groupBySection(fields: readonly FieldValue[]): Block[] {
  const sections = [...new Set(fields.map((f) => f.section))];
  return sections.map((section) => ({
    kind: 'facts' as const,
    title: SECTION_TITLES[section] ?? section,
    rows: fields.filter((f) => f.section === section).map((f) => [f.label, f.value] as const),
  }));
}
