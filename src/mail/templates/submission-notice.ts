import { fieldLabel } from '../../shared/field-labels.js';
import { type Block, renderLayout } from '../layout.js';
import { attachmentName, type MailAttachment } from '../mail-message.js';
import type { DocumentRef, SubmissionNoticePayload } from '../payloads.js';
import { summaryBlocks } from './enrollment-messages.js';
import { messageTexts } from './message-texts.js';
import { formatTimestamp, type RenderContext, type RenderedEmail } from './render-context.js';

/**
 * The program inbox's notice of a submission: the summary, the signed policy PDF attached
 * always, then photos and documents in order while they fit under the configured total; the
 * rest are named with the sign-in link to the enrollment.
 */
export async function renderSubmissionNotice(p: SubmissionNoticePayload, ctx: RenderContext): Promise<RenderedEmail> {
  const e = p.enrollment;
  const adminLink = `${ctx.publicUrl}/admin/enrollments/${encodeURIComponent(e.enrollmentId)}`;
  const { attachments, left } = await pickAttachments(p.documents, e.reference, ctx);
  const blocks: Block[] = [
    {
      kind: 'facts',
      rows: [
        ['Reference', e.reference],
        ['Revision', String(e.revision)],
        ['Submitted', formatTimestamp(e.submittedAt)],
      ],
    },
    ...summaryBlocks(e),
    {
      kind: 'list',
      title: 'Attached',
      items: attachments.map((a) => a.filename),
    },
    ...(left.length > 0
      ? [{ kind: 'list' as const, title: 'Not attached (too large for one e-mail; open the enrollment)', items: left }]
      : []),
    { kind: 'link', label: 'Open the enrollment (sign-in required)', url: adminLink },
  ];
  const texts = messageTexts(ctx.texts, 'email.submission_notice', {
    program: ctx.programName,
    name: e.fullName,
    techId: e.techId,
    reference: e.reference,
    district: e.district,
    state: e.state,
    year: String(e.year),
    make: e.make,
    model: e.model,
  });
  if (texts.intro) blocks.unshift({ kind: 'paragraph', text: texts.intro });
  return {
    subject: texts.subject,
    ...renderLayout({ programName: ctx.programName, heading: 'New enrollment submitted', blocks }),
    attachments,
  };
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
};

/** The signed policy always, then the other documents in order while they fit under the total. */
export async function pickAttachments(documents: DocumentRef[], reference: string, ctx: RenderContext) {
  const attachments: MailAttachment[] = [];
  const left: string[] = [];
  let total = 0;
  const pdfFirst = [
    ...documents.filter((d) => d.category === 'signed_policy'),
    ...documents.filter((d) => d.category !== 'signed_policy' && d.category !== 'signature'),
  ];
  const counts = new Map<string, number>();
  for (const document of pdfFirst) {
    const n = (counts.get(document.category) ?? 0) + 1;
    counts.set(document.category, n);
    const filename = attachmentName(nameOf(document, reference, n));
    const always = document.category === 'signed_policy';
    if (!always && total + document.sizeBytes > ctx.attachmentsMaxBytes) {
      left.push(`${filename} (${fieldLabel(document.category)})`);
      continue;
    }
    total += document.sizeBytes;
    attachments.push({ filename, contentType: document.contentType, content: await ctx.readFile(document.storageKey) });
  }
  return { attachments, left };
}

function nameOf(document: DocumentRef, reference: string, n: number): string {
  const extension = EXTENSIONS[document.contentType] ?? 'bin';
  if (document.category === 'signed_policy') return `${reference}-signed-policy.pdf`;
  return `${reference}-${document.category}${n > 1 ? `-${n}` : ''}.${extension}`;
}
