import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { insertAccessLink } from '../../storage/repositories/access-link.repository.js';
import { hashResumeCode, newResumeCode } from '../draft/resume-code.js';
import { hashReceiptToken } from '../enrollment/submit-enrollment.js';

/** How long the signed-PDF link in a confirmation e-mail works. */
const RECEIPT_LINK_DAYS = 90;

/**
 * A new link to an enrollment's signed policy PDF, in the same form as the receipt given at
 * submission (32 hex characters), so the existing download route serves it. Only its hash is
 * stored; each e-mail (and each retry) gets its own.
 */
export async function mintReceiptLink(
  db: Kysely<Database>,
  input: { enrollmentId: string; now: Date; publicUrl: string },
): Promise<string> {
  const token = randomBytes(16).toString('hex');
  await insertAccessLink(db, {
    tokenHash: hashReceiptToken(token),
    purpose: 'receipt',
    targetId: input.enrollmentId,
    createdAt: input.now.toISOString(),
    expiresAt: new Date(input.now.getTime() + RECEIPT_LINK_DAYS * 86_400_000).toISOString(),
  });
  return `${input.publicUrl}/api/enrollments/${encodeURIComponent(input.enrollmentId)}/policy.pdf?token=${token}`;
}

/**
 * A new code that opens a draft in the wizard like its own resume code, valid as long as the
 * draft; null when the draft is gone (submitted, replaced or expired).
 */
export async function mintResumeLink(
  db: Kysely<Database>,
  input: { draftId: string; now: Date; publicUrl: string },
): Promise<string | null> {
  const draft = await db
    .selectFrom('drafts')
    .select('expires_at')
    .where('id', '=', input.draftId)
    .where('expires_at', '>', input.now.toISOString())
    .executeTakeFirst();
  if (!draft) return null;
  const code = newResumeCode();
  await insertAccessLink(db, {
    tokenHash: hashResumeCode(code),
    purpose: 'resume',
    targetId: input.draftId,
    createdAt: input.now.toISOString(),
    // Saving the draft pushes its own expiry out; the link keeps the longest a draft may live.
    expiresAt: draft.expires_at,
  });
  return `${input.publicUrl}/?resume=${code.slice(0, 5)}-${code.slice(5)}`;
}
