import type { Kysely } from 'kysely';
import type { FileStore, StagedFile } from '../../files/file-store.js';
import type { RenderSignedPdf } from '../../pdf/generate-signed-policy-pdf.js';
import type { Enrollment } from '../../shared/enrollment.schema.js';
import type { Database, DocumentCategory } from '../../storage/database.js';
import type { Db } from '../../storage/db.js';
import type { LocalizedPolicy, PolicyLibrary } from '../policy/policy-library.js';

/*
 * The shapes a submission passes through: what the caller hands to submitEnrollment, what is
 * decided before the transaction, and what comes back. Kept apart from the use case so the
 * steps it calls (insert-submission, store-signed-policy) depend on the shapes, not on it.
 */

export interface UploadedDocument {
  field: string;
  category: DocumentCategory;
  staged: StagedFile;
  contentType: string;
  originalName: string | null;
}

/** A file already committed to the store, such as one uploaded into a draft. */
export interface StoredDocument {
  field: string;
  category: DocumentCategory;
  storageKey: string;
  sha256: string;
  sizeBytes: number;
  contentType: string;
  originalName: string | null;
}

export interface SubmitEnrollmentInput {
  enrollment: Enrollment;
  /** Files still in staging; committed to the store here, before the transaction. */
  uploads: UploadedDocument[];
  /** Files already in the store (a draft's uploads). */
  storedFiles?: StoredDocument[];
  client: { ip: string | null; userAgent: string | null };
  /** IANA zone of the technician's browser, for the date on the signed PDF (invalid → UTC). */
  timeZone?: string | null | undefined;
  /** SHA-256 of the policy text the technician was shown, when the client sends it. */
  policySha256?: string | undefined;
  /** The technician's language ('en' | 'es'), for the messages sent to them; English when absent. */
  language?: string;
  /** Where the submission came from, for the audit trail. */
  source?: 'direct' | 'draft';
  /**
   * Extra work inside the submission's transaction (deleting the draft it came from). Throwing
   * rolls the whole submission back.
   */
  alsoInTransaction?: (trx: Kysely<Database>) => Promise<void>;
}

export interface SubmitEnrollmentDeps {
  db: Db;
  files: FileStore;
  now: () => Date;
  /** The policy templates in force; the shipped ones when omitted (tests, benchmarks). */
  policies?: PolicyLibrary | undefined;
  /** Builds the signed PDF: in the server, on the worker pool; inline when omitted (tests, scripts). */
  renderPdf?: RenderSignedPdf | undefined;
}

export interface SubmittedEnrollment {
  id: string;
  reference: string;
  status: 'pending';
  revision: number;
  supersedesId: string | null;
  /** The capability to download the signed PDF; only its hash is stored. */
  receiptToken: string;
  signedPdfSha256: string;
  policy: { id: string; version: string; sha256: string };
}

/** One document of the submission, wherever it came from, with its key in the store. */
export interface SubmissionDocument {
  category: DocumentCategory;
  storageKey: string;
  sha256: string;
  sizeBytes: number;
  contentType: string;
  originalName: string | null;
}

/** Everything decided before the transaction, so that every retry writes the same thing. */
export interface PreparedSubmission {
  id: string;
  reference: string;
  submittedAt: Date;
  policy: LocalizedPolicy;
  signedPdfSha256: string;
  receiptTokenHash: string;
  documents: SubmissionDocument[];
}
