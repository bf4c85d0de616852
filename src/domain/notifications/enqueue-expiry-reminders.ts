import type { Kysely } from 'kysely';
import type { Database, EnrollmentRow } from '../../storage/database.js';
import { addDays, calendarDate } from '../admin/compliance.js';
import { enqueueWebhookEvent } from '../integrations/webhooks/enqueue-webhook-event.js';
import { enrollmentEventData } from '../integrations/webhooks/webhook-events.js';
import { enqueueEmail, technicianLanguage } from './enqueue-submission-messages.js';
import { readNotificationSettings } from './notification-settings.js';

const DOCUMENTS = [
  { document: 'insurance', column: 'insurance_expiration' },
  { document: 'registration', column: 'registration_expiration' },
] as const;

/**
 * Queues the expiry reminders due today. For each technician the newest revision still in
 * play (approved, pending or sent back) decides the dates, so a document already renewed by a
 * newer revision is not reminded about. A reminder is due on the day of its offset before the
 * expiry and stays due until the next smaller offset; its dedupe key (enrollment, document,
 * date, offset) makes it exactly once however often this runs, on however many instances.
 */
export async function enqueueExpiryReminders(db: Kysely<Database>, now: Date): Promise<number> {
  const { reminderOffsets } = await readNotificationSettings(db);
  const offsets = [...reminderOffsets].sort((a, b) => a - b);
  if (offsets.length === 0) return 0;
  const today = calendarDate(now);
  const horizon = addDays(today, offsets.at(-1) ?? 0);
  const rows = await db
    .selectFrom('enrollments')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['approved', 'pending', 'changes_requested'])
    .where((eb) =>
      eb.or([
        eb.between('insurance_expiration', today, horizon),
        eb.between('registration_expiration', today, horizon),
      ]),
    )
    .execute();
  let queued = 0;
  for (const row of await newestPerTechnician(db, rows)) {
    for (const { document, column } of DOCUMENTS) {
      const expiresOn = row[column];
      const offset = dueOffset(offsets, today, expiresOn);
      if (offset === undefined) continue;
      const id = await enqueueEmail(db, 'email.expiry_reminder', {
        to: [row.email],
        payload: {
          enrollmentId: row.id,
          reference: row.reference,
          fullName: row.full_name,
          document,
          expiresOn,
          daysBefore: offset,
          language: technicianLanguage(row.language),
        },
        enrollmentId: row.id,
        at: now,
        dedupeKey: `reminder:${row.id}:${document}:${expiresOn}:${offset}`,
      });
      await enqueueWebhookEvent(
        db,
        'document.expiring',
        { ...enrollmentEventData(row), document, expiresOn, daysBefore: offset },
        { at: now, enrollmentId: row.id, dedupeKey: `expiring:${row.id}:${document}:${expiresOn}:${offset}` },
      );
      if (id) queued += 1;
    }
  }
  return queued;
}

/** The offset whose day has come and whose next smaller offset's day has not, if any. */
export function dueOffset(ascending: readonly number[], today: string, expiresOn: string): number | undefined {
  if (today > expiresOn) return undefined;
  for (const [index, offset] of ascending.entries()) {
    const from = addDays(expiresOn, -offset);
    const smaller = ascending[index - 1];
    const until = smaller === undefined ? expiresOn : addDays(expiresOn, -smaller - 1);
    if (today >= from && today <= until) return offset;
  }
  return undefined;
}

/** Keeps a row only when no newer revision of the same technician is still in play. */
export async function newestPerTechnician(db: Kysely<Database>, rows: EnrollmentRow[]): Promise<EnrollmentRow[]> {
  if (rows.length === 0) return [];
  const newest = await db
    .selectFrom('enrollments')
    .select(['tech_id', (eb) => eb.fn.max('revision').as('revision')])
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['approved', 'pending', 'changes_requested'])
    .where('tech_id', 'in', [...new Set(rows.map((r) => r.tech_id))])
    .groupBy('tech_id')
    .execute();
  const latest = new Map(newest.map((n) => [n.tech_id, Number(n.revision)]));
  return rows.filter((row) => latest.get(row.tech_id) === row.revision);
}
