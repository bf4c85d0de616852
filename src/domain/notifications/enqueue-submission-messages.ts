import type { Kysely } from 'kysely';
import type { EmailKind, EmailPayloads, EnrollmentFacts } from '../../mail/payloads.js';
import { isLanguage, type Language } from '../../shared/field-labels.js';
import type { Database, EnrollmentRow } from '../../storage/database.js';
import { listDocumentsOf } from '../../storage/repositories/document.repository.js';
import { findEnrollmentById } from '../../storage/repositories/enrollment.repository.js';
import { enqueueOutboxMessage } from '../../storage/repositories/outbox.repository.js';
import { enqueueWebhookEvent } from '../integrations/webhooks/enqueue-webhook-event.js';
import { enrollmentEventData } from '../integrations/webhooks/webhook-events.js';
import { readNotificationSettings } from './notification-settings.js';

/** Queues an e-mail of a known kind; call inside the transaction of its cause. */
export function enqueueEmail<K extends EmailKind>(
  trx: Kysely<Database>,
  kind: K,
  message: {
    to: readonly string[];
    payload: EmailPayloads[K];
    enrollmentId: string | null;
    at: Date;
    dedupeKey?: string;
  },
): Promise<string | null> {
  return enqueueOutboxMessage(trx, {
    kind,
    recipients: message.to,
    payload: message.payload as unknown as Record<string, unknown>,
    enrollmentId: message.enrollmentId,
    dedupeKey: message.dedupeKey ?? null,
    at: message.at,
  });
}

/** The language stored with an enrollment or draft, as the messages know it ('en' when unknown). */
export function technicianLanguage(stored: string): Language {
  return isLanguage(stored) ? stored : 'en';
}

export function enrollmentFacts(row: EnrollmentRow): EnrollmentFacts {
  return {
    enrollmentId: row.id,
    reference: row.reference,
    revision: row.revision,
    submittedAt: row.created_at,
    fullName: row.full_name,
    techId: row.tech_id,
    district: row.district,
    state: row.state,
    referredBy: row.referred_by,
    industries: JSON.parse(row.industries) as string[],
    email: row.email,
    phone: row.phone,
    vin: row.vin,
    year: row.year,
    make: row.make,
    model: row.model,
    insuranceExpiration: row.insurance_expiration,
    registrationExpiration: row.registration_expiration,
  };
}

/**
 * The e-mails a submission causes, in its transaction: the notice to the program inbox (when
 * one is set), the confirmation to the technician, and a note to the address of the previous
 * revision when it differs, since someone else may be submitting in the technician's name;
 * and the `enrollment.submitted` webhook event.
 */
export async function enqueueSubmissionMessages(trx: Kysely<Database>, enrollmentId: string): Promise<void> {
  const row = await findEnrollmentById(trx, enrollmentId);
  if (!row) return;
  const at = new Date(row.created_at);
  const facts = enrollmentFacts(row);
  const settings = await readNotificationSettings(trx);
  if (settings.inbox.length > 0) {
    const documents = (await listDocumentsOf(trx, row.id)).map((d) => ({
      category: d.category,
      storageKey: d.storage_key,
      sha256: d.sha256,
      sizeBytes: d.size_bytes,
      contentType: d.content_type,
      originalName: d.original_name,
    }));
    await enqueueEmail(trx, 'email.submission_notice', {
      to: settings.inbox,
      payload: { enrollment: facts, documents },
      enrollmentId: row.id,
      at,
    });
  }
  await enqueueEmail(trx, 'email.confirmation', {
    to: [row.email],
    payload: { enrollment: facts, language: technicianLanguage(row.language) },
    enrollmentId: row.id,
    at,
  });
  const previous = row.supersedes_id ? await findEnrollmentById(trx, row.supersedes_id) : undefined;
  if (previous && previous.email.toLowerCase() !== row.email.toLowerCase()) {
    await enqueueEmail(trx, 'email.earlier_address', {
      to: [previous.email],
      payload: {
        enrollmentId: row.id,
        reference: row.reference,
        techId: row.tech_id,
        revision: row.revision,
        submittedAt: row.created_at,
        // The earlier address belongs to whoever enrolled before, in the language they chose.
        language: technicianLanguage(previous.language),
      },
      enrollmentId: row.id,
      at,
    });
  }
  await enqueueWebhookEvent(trx, 'enrollment.submitted', enrollmentEventData(row), { at, enrollmentId: row.id });
}
