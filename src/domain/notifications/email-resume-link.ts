import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { Db } from '../../storage/db.js';
import { openDraft } from '../draft/open-draft.js';
import { enqueueEmail, technicianLanguage } from './enqueue-submission-messages.js';

/**
 * "E-mail me a link to continue": queues a message with a link to the draft, sent to the
 * address typed into it (so a stranger holding the code cannot send it elsewhere).
 */
export async function emailResumeLink(deps: { db: Db; now: () => Date }, typedCode: string): Promise<{ to: string }> {
  const now = deps.now();
  const { draft } = await openDraft(deps, typedCode, now);
  const address = z
    .email()
    .max(254)
    .safeParse(String((JSON.parse(draft.data) as { email?: unknown }).email ?? '').trim());
  if (!address.success) {
    throw new AppError('VALIDATION_FAILED', 'Enter your e-mail address first; the link is sent there.', {
      field: 'email',
    });
  }
  await deps.db.kysely.transaction().execute((trx) =>
    enqueueEmail(trx, 'email.resume_link', {
      to: [address.data],
      payload: { draftId: draft.id, language: technicianLanguage(draft.language) },
      enrollmentId: null,
      at: now,
    }),
  );
  return { to: address.data };
}
