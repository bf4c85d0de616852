import type { EmailPayloads } from '../../mail/payloads.js';
import type { TemplateKind } from '../../mail/templates/message-texts.js';
import { addDays, calendarDate } from '../admin/compliance.js';
import { enrollmentFacts } from './enqueue-submission-messages.js';
import { documentRef } from './mail-placeholders.js';
import { sampleEnrollment } from './sample-enrollment.js';

/** A made-up message of each editable kind, for the previews in settings. */
export function samplePayloads(now: Date): { [K in TemplateKind]: EmailPayloads[K] } {
  const { row, documents } = sampleEnrollment(now);
  const facts = enrollmentFacts(row);
  const who = { enrollmentId: row.id, reference: row.reference, fullName: row.full_name };
  const today = calendarDate(now);
  return {
    'email.submission_notice': { enrollment: facts, documents: documents.map(documentRef) },
    'email.confirmation': { enrollment: facts },
    'email.change_request': {
      ...who,
      message: 'The plate in the photo is hard to read; please send a clearer one.',
      fields: ['plate', 'vehicle_back'],
      draftId: 'sample',
      draftExpiresAt: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
    },
    'email.rejection': { ...who, reason: 'The vehicle is older than the program allows.' },
    'email.approval': { ...who, reason: null },
    'email.earlier_address': {
      enrollmentId: row.id,
      reference: row.reference,
      techId: row.tech_id,
      revision: 2,
      submittedAt: now.toISOString(),
    },
    'email.expiry_reminder': { ...who, document: 'insurance', expiresOn: addDays(today, 7), daysBefore: 7 },
    'email.resume_link': { draftId: 'sample' },
    'email.weekly_digest': {
      weekOf: today,
      asOf: today,
      withinDays: 30,
      items: [
        { ...who, techId: row.tech_id, document: 'registration', expiresOn: addDays(today, -3) },
        { ...who, techId: row.tech_id, document: 'insurance', expiresOn: addDays(today, 12) },
      ],
    },
  };
}
