import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { ByteRange, FileStore } from '../../files/file-store.js';
import { readVerified } from '../../files/read-verified.js';
import type { Db } from '../../storage/db.js';
import { findLiveAccessLink } from '../../storage/repositories/access-link.repository.js';
import { listDocumentsOf } from '../../storage/repositories/document.repository.js';
import { findEnrollmentById } from '../../storage/repositories/enrollment.repository.js';
import type { WarnLog } from '../warn-log.js';
import { signedPdfFileName } from './store-signed-policy.js';
import { hashReceiptToken } from './submit-enrollment.js';

/**
 * The signed policy PDF, for whoever holds the receipt token given at submission. A wrong or
 * missing token fails exactly like an unknown enrollment, so the answer does not reveal which
 * ids exist.
 */
export async function openSignedPolicy(
  deps: { db: Db; files: FileStore; now: () => Date },
  id: string,
  token: unknown,
  log: WarnLog,
  rangeOf: (sizeBytes: number) => ByteRange | undefined = () => undefined,
) {
  const notFound = () => new AppError('NOT_FOUND', 'No signed policy is available at this link.');
  const presentedToken = typeof token === 'string' ? token : '';
  const enrollment = await findEnrollmentById(deps.db.kysely, id);
  if (!enrollment?.receipt_token_hash || !/^[0-9a-f]{32}$/.test(presentedToken)) throw notFound();
  const expected = Buffer.from(enrollment.receipt_token_hash, 'hex');
  const presented = Buffer.from(hashReceiptToken(presentedToken), 'hex');
  const isReceipt = expected.length === presented.length && timingSafeEqual(expected, presented);
  // Or a link from a confirmation e-mail: its own token, stored hashed, with an expiry.
  if (!isReceipt && !(await isEmailedReceipt(deps, enrollment.id, presentedToken))) throw notFound();

  const documents = await listDocumentsOf(deps.db.kysely, enrollment.id);
  const pdf = documents.find((d) => d.category === 'signed_policy');
  if (!pdf) throw notFound();
  const range = rangeOf(pdf.size_bytes);
  const file = await readVerified(deps.files, pdf.storage_key, range);
  if (file.status === 'damaged') {
    log.warn({ documentId: pdf.id }, 'stored file damaged: its bytes do not match their hash');
    throw new AppError('FILE_DAMAGED', `The stored file of document ${pdf.id} is damaged; it is not served.`);
  }
  if (file.status !== 'ok') throw notFound();
  return { sizeBytes: pdf.size_bytes, fileName: signedPdfFileName(enrollment.reference), range, stream: file.stream };
}

async function isEmailedReceipt(deps: { db: Db; now: () => Date }, enrollmentId: string, token: string) {
  const link = await findLiveAccessLink(deps.db.kysely, hashReceiptToken(token), 'receipt', deps.now().toISOString());
  return link?.targetId === enrollmentId;
}
