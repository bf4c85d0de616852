import { fillTemplate } from '../fill-template.js';
import { type Block, renderLayout } from '../layout.js';
import { headerText } from '../mail-message.js';
import type { TaskEmailPayload } from '../payloads.js';
import type { RenderContext, RenderedEmail } from './render-context.js';
import { pickAttachments } from './submission-notice.js';

/** A checklist task's e-mail (the HR policy e-mail among them), from the task's templates. */
export async function renderTaskEmail(p: TaskEmailPayload, ctx: RenderContext): Promise<RenderedEmail> {
  const values = { ...p.vars, program: ctx.programName, task: p.taskLabel };
  const { attachments } = await pickAttachments(p.signedPolicy ? [p.signedPolicy] : [], p.reference, ctx);
  const intro = fillTemplate(p.introTemplate, values).trim();
  const blocks: Block[] = [
    ...(intro ? [{ kind: 'paragraph' as const, text: intro }] : []),
    { kind: 'facts', rows: p.facts },
    ...(attachments.length > 0
      ? [{ kind: 'list' as const, title: 'Attached', items: attachments.map((a) => a.filename) }]
      : []),
  ];
  return {
    subject: headerText(fillTemplate(p.subjectTemplate, values)),
    ...renderLayout({ programName: ctx.programName, heading: p.taskLabel, blocks }),
    attachments,
  };
}
