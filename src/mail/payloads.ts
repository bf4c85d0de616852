import type { Language } from '../shared/field-labels.js';

/** The technician's language when the message was queued; English when absent (older rows). */
interface InTechnicianLanguage {
  language?: Language;
}

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

export interface ConfirmationPayload extends InTechnicianLanguage {
  enrollment: Pick<
    EnrollmentFacts,
    'enrollmentId' | 'reference' | 'fullName' | 'submittedAt' | 'year' | 'make' | 'model'
  >;
}

export interface ChangeRequestPayload extends InTechnicianLanguage {
  enrollmentId: string;
  reference: string;
  fullName: string;
  message: string;
  fields: string[];
  draftId: string;
  draftExpiresAt: string;
}

export interface DecisionPayload extends InTechnicianLanguage {
  enrollmentId: string;
  reference: string;
  fullName: string;
  /** The rejection reason; null for an approval. */
  reason: string | null;
}

export interface EarlierAddressPayload extends InTechnicianLanguage {
  enrollmentId: string;
  reference: string;
  techId: string;
  revision: number;
  submittedAt: string;
}

export interface ExpiryReminderPayload extends InTechnicianLanguage {
  enrollmentId: string;
  reference: string;
  fullName: string;
  document: 'insurance' | 'registration';
  /** YYYY-MM-DD */
  expiresOn: string;
  daysBefore: number;
}

export interface ResumeLinkPayload extends InTechnicianLanguage {
  draftId: string;
}

/** One chosen enrollment field as it read when the message was queued. */
export interface FieldValue {
  key: string;
  label: string;
  section: string;
  value: string;
}

/** The approval notification to the recipients chosen in settings (notifications.approval). */
export interface ApprovalNoticePayload {
  enrollmentId: string;
  reference: string;
  submittedAt: string;
  approvedAt: string;
  /** The subject template as set when the approval was recorded, filled from `vars` when sent. */
  subjectTemplate: string;
  vars: Record<string, string>;
  fields: FieldValue[];
  documents: DocumentRef[];
}

/** A checklist task's e-mail (the HR policy e-mail is the `policy_hr` task's). */
export interface TaskEmailPayload {
  enrollmentId: string;
  reference: string;
  taskKey: string;
  taskLabel: string;
  /** The task's templates as set when the message was queued, filled from `vars` when sent. */
  subjectTemplate: string;
  introTemplate: string;
  vars: Record<string, string>;
  facts: Array<[string, string]>;
  /** The signed policy PDF to attach, when the task's settings ask for it. */
  signedPolicy: DocumentRef | null;
  /** Delivery ticks the task, recorded as done by the system. */
  completesTask: boolean;
}

export interface DigestItem {
  enrollmentId: string;
  reference: string;
  fullName: string;
  techId: string;
  document: 'insurance' | 'registration';
  /** YYYY-MM-DD */
  expiresOn: string;
}

/** The weekly list, to the program inbox, of documents expired or expiring within 30 days. */
export interface WeeklyDigestPayload {
  /** The Monday (YYYY-MM-DD, UTC) of the week it covers. */
  weekOf: string;
  /** The day it was made. */
  asOf: string;
  withinDays: number;
  items: DigestItem[];
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
  'email.approval_notice': ApprovalNoticePayload;
  'email.task': TaskEmailPayload;
  'email.weekly_digest': WeeklyDigestPayload;
}

export type EmailKind = keyof EmailPayloads;
