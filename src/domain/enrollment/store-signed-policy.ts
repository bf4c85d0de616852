import { Readable } from 'node:stream';
import { AppError } from '../../errors.js';
import type { FileStore } from '../../files/file-store.js';
import { generateSignedPolicyPdf } from '../../pdf/generate-signed-policy-pdf.js';
import { isLanguage } from '../../shared/field-labels.js';
import type {
  PreparedSubmission,
  SubmissionDocument,
  SubmitEnrollmentDeps,
  SubmitEnrollmentInput,
} from './submission.js';

/**
 * Generates the signed policy PDF in memory (no shared temporary file) and commits it to the
 * file store like any upload, before the transaction that names it.
 */
export async function storeSignedPdf(
  deps: SubmitEnrollmentDeps,
  input: SubmitEnrollmentInput,
  prepared: PreparedSubmission,
): Promise<SubmissionDocument> {
  const signature = prepared.documents.find((d) => d.category === 'signature');
  if (!signature) throw new AppError('VALIDATION_FAILED', 'Add your signature.', { field: 'signature' });
  const render = deps.renderPdf ?? generateSignedPolicyPdf;
  const { id, version, title, text, sha256, language: policyLanguage } = prepared.policy;
  const pdf = await render({
    // Plain data only: the input may cross to a worker thread.
    policy: { id, version, title, text, sha256, language: policyLanguage },
    signer: { fullName: input.enrollment.fullName, techId: input.enrollment.techId },
    signaturePng: await readAll(deps.files, signature.storageKey),
    submittedAt: prepared.submittedAt,
    timeZone: input.timeZone,
    language: isLanguage(input.language) ? input.language : 'en',
    audit: { reference: prepared.reference, ip: input.client.ip, userAgent: input.client.userAgent },
  });
  const staged = await deps.files.stage(Readable.from([Buffer.from(pdf.bytes)]), {
    maxBytes: Number.MAX_SAFE_INTEGER,
  });
  try {
    return {
      category: 'signed_policy',
      storageKey: await deps.files.commit(staged),
      sha256: staged.sha256,
      sizeBytes: staged.sizeBytes,
      contentType: 'application/pdf',
      originalName: signedPdfFileName(prepared.reference),
    };
  } finally {
    await deps.files.discard(staged);
  }
}

export function signedPdfFileName(reference: string): string {
  return `byov-policy-${reference}.pdf`;
}

async function readAll(files: FileStore, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of files.read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
