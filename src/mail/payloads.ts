/**
 * What the outbox keeps for each e-mail: the facts as they were when the event happened. Links
 * with secrets are never part of it; they are minted when the message is sent.
 */
export interface EnrollmentFacts {
  enrollmentId: string;
  reference: string;
  revision: number;
  submittedAt: string;
  fullName: string;
  techId: string;
  district: string;
  state: string;
  referredBy: string | null;
  industries: string[];
  email: string;
  phone: string | null;
  vin: string;
  year: number;
  make: string;
  model: string;
  insuranceExpiration: string;
  registrationExpiration: string;
}

export interface DocumentRef {
  category: string;
  storageKey: string;
  sha256: string;
  sizeBytes: number;
  contentType: string;
  originalName: string | null;
}

export interface SubmissionNoticePayload {
  enrollment: EnrollmentFacts;
  documents: DocumentRef[];
}

export interface ConfirmationPayload {
  enrollment: Pick<
    EnrollmentFacts,
    'enrollmentId' | 'reference' | 'fullName' | 'submittedAt' | 'year' | 'make' | 'model'
  >;
}

export interface ChangeRequestPayload {
  enrollmentId: string;
  reference: string;
  fullName: string;
  message: string;
  fields: string[];
  draftId: string;
  draftExpiresAt: string;
}

export interface DecisionPayload {
  enrollmentId: string;
  reference: string;
  fullName: string;
  /** The rejection reason; null for an approval. */
  reason: string | null;
}

export interface EarlierAddressPayload {
  enrollmentId: string;
  reference: string;
  techId: string;
  revision: number;
  submittedAt: string;
}

export interface ExpiryReminderPayload {
  enrollmentId: string;
  reference: string;
  fullName: string;
  document: 'insurance' | 'registration';
  /** YYYY-MM-DD */
  expiresOn: string;
  daysBefore: number;
}

export interface ResumeLinkPayload {
  draftId: string;
}

/** The e-mail kinds the outbox knows, with their payloads. */
export interface EmailPayloads {
  'email.submission_notice': SubmissionNoticePayload;
  'email.confirmation': ConfirmationPayload;
  'email.change_request': ChangeRequestPayload;
  'email.rejection': DecisionPayload;
  'email.approval': DecisionPayload;
  'email.earlier_address': EarlierAddressPayload;
  'email.expiry_reminder': ExpiryReminderPayload;
  'email.resume_link': ResumeLinkPayload;
}

export type EmailKind = keyof EmailPayloads;
