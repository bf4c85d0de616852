import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../errors.js';
import { deferDirectorySyncs } from '../../files/local-file-store.js';
import { isLanguage } from '../../shared/field-labels.js';
import { UPLOAD_SLOTS } from '../../shared/upload-slots.js';
import { isUniqueViolation } from '../../storage/errors.js';
import { newId, newReference } from '../../storage/ids.js';
import { enqueueSubmissionMessages } from '../notifications/enqueue-submission-messages.js';
import { shippedPolicyLibrary } from '../policy/load-policy-library.js';
import type { LocalizedPolicy } from '../policy/policy-library.js';
import { findServedPolicy } from '../policy/served-policies.js';
import { insertSubmission } from './insert-submission.js';
import { storeSignedPdf } from './store-signed-policy.js';
import type {
  PreparedSubmission,
  SubmissionDocument,
  SubmitEnrollmentDeps,
  SubmitEnrollmentInput,
  SubmittedEnrollment,
} from './submission.js';

// Each round of a race has one winner, so N simultaneous submissions for one tech ID need up
// to N attempts; this bound is far above any real burst from one technician.
const MAX_ATTEMPTS = 20;

/**
 * The policy for the technician's state in their language (its Spanish translation when the
 * company supplies one); when they read the English text instead, that one; when they read
 * another version (shown by another instance during a rolling deploy), that version if an
 * instance served it recently, taken to be in the language they would be shown here.
 */
async function policyToSign(deps: SubmitEnrollmentDeps, input: SubmitEnrollmentInput): Promise<LocalizedPolicy> {
  const library = deps.policies ?? (await shippedPolicyLibrary());
  const current = library.forState(input.enrollment.state, isLanguage(input.language) ? input.language : 'en');
  if (input.policySha256 === undefined || input.policySha256 === current.sha256) return current;
  const english = library.forState(input.enrollment.state);
  if (input.policySha256 === english.sha256) return english;
  const served = await findServedPolicy(deps.db, input.policySha256, input.enrollment.state, deps.now(), current);
  if (served) return { ...served, language: current.language };
  throw new AppError(
    'VALIDATION_FAILED',
    'The policy has changed since you read it. Read the current policy and sign again.',
    { field: 'policy' },
  );
}

/**
 * Stores a technician's enrollment. Files first, durable before any row names them: the
 * uploads, then the signed policy PDF generated in memory from the policy for the technician's
 * state. Then one transaction with the enrollment, its documents, its checklist, the audit event
 * and the caller's extra step. A second submission for the same tech ID becomes a new revision;
 * nothing earlier is overwritten.
 */
export async function submitEnrollment(
  deps: SubmitEnrollmentDeps,
  input: SubmitEnrollmentInput,
): Promise<SubmittedEnrollment> {
  try {
    const stored = input.storedFiles ?? [];
    assertRequiredUploads([...input.uploads.map((u) => u.field), ...stored.map((f) => f.field)]);
    const policy = await policyToSign(deps, input);
    // The files' directories are synced together once all are in place (one wait for the disk
    // instead of three per file), and always before the transaction that names them.
    const { store: files, flush } = deferDirectorySyncs(deps.files);
    const documents: SubmissionDocument[] = [];
    // One after another: with the object store each commit is an upload, and eight at once per
    // submission would multiply by the clients in flight.
    for (const upload of input.uploads) {
      documents.push({
        category: upload.category,
        storageKey: await files.commit(upload.staged),
        sha256: upload.staged.sha256,
        sizeBytes: upload.staged.sizeBytes,
        contentType: upload.contentType,
        originalName: upload.originalName,
      });
    }
    documents.push(...stored.map(({ field: _field, ...document }) => document));

    const receiptToken = randomBytes(16).toString('hex');
    const prepared: PreparedSubmission = {
      id: newId(),
      reference: newReference(),
      submittedAt: deps.now(),
      policy,
      signedPdfSha256: '',
      receiptTokenHash: hashReceiptToken(receiptToken),
      documents,
    };
    const pdf = await storeSignedPdf({ ...deps, files }, input, prepared);
    prepared.signedPdfSha256 = pdf.sha256;
    documents.push(pdf);
    await flush();

    for (let attempt = 1; ; attempt++) {
      try {
        const row = await deps.db.kysely.transaction().execute(async (trx) => {
          const inserted = await insertSubmission(trx, input, prepared);
          await enqueueSubmissionMessages(trx, inserted.id);
          await input.alsoInTransaction?.(trx);
          return inserted;
        });
        return {
          ...row,
          receiptToken,
          signedPdfSha256: pdf.sha256,
          policy: { id: policy.id, version: policy.version, sha256: policy.sha256 },
        };
      } catch (error) {
        // Two submissions for the same tech ID raced for the same revision number: the loser
        // retries on top of the winner, so both are kept as consecutive revisions.
        if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 20));
      }
    }
  } catch (error) {
    // Committed files stay until the orphan sweep; staged ones are removed now.
    await Promise.all(input.uploads.map((u) => deps.files.discard(u.staged)));
    throw error;
  }
}

/** The receipt token is a capability: only its SHA-256 is kept. */
export function hashReceiptToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function assertRequiredUploads(fields: string[]): void {
  for (const [field, slot] of Object.entries(UPLOAD_SLOTS)) {
    const count = fields.filter((f) => f === field).length;
    if (count < slot.min) {
      throw new AppError('VALIDATION_FAILED', `Add a file for "${slot.label}".`, { field });
    }
    if (count > slot.max) {
      throw new AppError('VALIDATION_FAILED', `"${slot.label}" takes at most ${slot.max} file(s).`, { field });
    }
  }
}
