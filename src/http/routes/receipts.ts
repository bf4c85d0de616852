import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { signedPdfFileName } from '../../domain/enrollment/store-signed-policy.js';
import { hashReceiptToken } from '../../domain/enrollment/submit-enrollment.js';
import { AppError } from '../../errors.js';
import { readVerified } from '../../files/read-verified.js';
import { findLiveAccessLink } from '../../storage/repositories/access-link.repository.js';
import { listDocumentsOf } from '../../storage/repositories/document.repository.js';
import { findEnrollmentById } from '../../storage/repositories/enrollment.repository.js';
import type { AppDeps } from '../app.js';
import { parseRange, sendStoredFile } from '../send-stored-file.js';

/** The link the technician gets after submitting: the token is the capability to download. */
export function policyPdfUrl(enrollmentId: string, receiptToken: string): string {
  return `/api/enrollments/${encodeURIComponent(enrollmentId)}/policy.pdf?token=${receiptToken}`;
}

/** The 201 answer to a submission, from either the multipart API or a draft. */
export function presentSubmission(result: { id: string; reference: string; status: string; receiptToken: string }) {
  return {
    id: result.id,
    reference: result.reference,
    status: result.status,
    policyPdfUrl: policyPdfUrl(result.id, result.receiptToken),
  };
}

/**
 * `GET /api/enrollments/:id/policy.pdf?token=…`: the signed policy PDF, for whoever holds the
 * receipt token given at submission. A wrong or missing token answers exactly like an unknown
 * enrollment (404), so the endpoint does not reveal which ids exist.
 */
export function registerReceiptRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { id: string }; Querystring: { token?: string } }>(
    '/api/enrollments/:id/policy.pdf',
    { config: { rateLimit: { max: deps.config.rateLimit.wizardRequestsPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const notFound = () => new AppError('NOT_FOUND', 'No signed policy is available at this link.');
      const token = typeof request.query.token === 'string' ? request.query.token : '';
      const enrollment = await findEnrollmentById(deps.db.kysely, request.params.id);
      if (!enrollment?.receipt_token_hash || !/^[0-9a-f]{32}$/.test(token)) throw notFound();
      const expected = Buffer.from(enrollment.receipt_token_hash, 'hex');
      const presented = Buffer.from(hashReceiptToken(token), 'hex');
      const isReceipt = expected.length === presented.length && timingSafeEqual(expected, presented);
      // Or a link from a confirmation e-mail: its own token, stored hashed, with an expiry.
      if (!isReceipt && !(await isEmailedReceipt(deps, enrollment.id, token))) throw notFound();

      const documents = await listDocumentsOf(deps.db.kysely, enrollment.id);
      const pdf = documents.find((d) => d.category === 'signed_policy');
      if (!pdf) throw notFound();
      const range = parseRange(request.headers.range, pdf.size_bytes);
      const file = await readVerified(deps.files, pdf.storage_key, range);
      if (file.status === 'damaged') {
        request.log.warn({ documentId: pdf.id }, 'stored file damaged: its bytes do not match their hash');
        throw new AppError('FILE_DAMAGED', `The stored file of document ${pdf.id} is damaged; it is not served.`);
      }
      if (file.status !== 'ok') throw notFound();
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${signedPdfFileName(enrollment.reference)}"`)
        .header('cache-control', 'private, no-store');
      return sendStoredFile(reply, file.stream, pdf.size_bytes, range);
    },
  );
}

async function isEmailedReceipt(deps: AppDeps, enrollmentId: string, token: string): Promise<boolean> {
  const link = await findLiveAccessLink(deps.db.kysely, hashReceiptToken(token), 'receipt', deps.now().toISOString());
  return link?.targetId === enrollmentId;
}
