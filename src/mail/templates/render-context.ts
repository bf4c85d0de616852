import type { MailAttachment } from '../mail-message.js';
import type { TextOverrides } from './message-texts.js';

/** What a template may use when the message is sent. */
export interface RenderContext {
  programName: string;
  /** Subjects and opening texts saved in settings; the built-in ones where none is. */
  texts?: TextOverrides;
  /** Without a trailing slash. */
  publicUrl: string;
  now: Date;
  /** Total bytes of documents to attach to one message; the rest are linked. */
  attachmentsMaxBytes: number;
  /** A fresh link to the signed policy PDF of an enrollment (a receipt capability). */
  receiptLink(enrollmentId: string): Promise<string>;
  /** A fresh link to continue a draft, or null when the draft is gone. */
  resumeLink(draftId: string): Promise<string | null>;
  /**
   * A link to a new draft pre-filled from the enrollment, without the files of `slot`: the
   * technician adds the new document and date, and submits a new revision. Null when the
   * enrollment is gone.
   */
  renewalLink(enrollmentId: string, slot: string): Promise<string | null>;
  readFile(storageKey: string): Promise<Buffer>;
}

/** A rendered message, before its recipients and Message-ID are added. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
}

/** `2026-11-30T22:52:08.000Z` → `2026-11-30 22:52 UTC`: unambiguous wherever the reader is. */
export function formatTimestamp(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
