import type { Kysely } from 'kysely';
import type { DigestItem } from '../../mail/payloads.js';
import type { Database } from '../../storage/database.js';
import { addDays, calendarDate, EXPIRY_WARNING_DAYS } from '../admin/compliance.js';
import { newestPerTechnician } from './enqueue-expiry-reminders.js';
import { enqueueEmail } from './enqueue-submission-messages.js';
import { readNotificationSettings } from './notification-settings.js';

/** The Monday (UTC) of the ISO week `date` (YYYY-MM-DD) falls in. */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00.000Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/**
 * Queues this week's digest to the program inbox: every insurance and registration of the
 * newest revision in play (approved, pending or sent back) that has expired or expires within
 * 30 days. Its dedupe key is the week, so it goes out once per week however often this runs,
 * on however many instances, across restarts; the first run of the week (Monday, when the
 * server is up) queues it. Returns whether it queued one.
 */
export async function enqueueWeeklyDigest(db: Kysely<Database>, now: Date): Promise<boolean> {
  const { inbox } = await readNotificationSettings(db);
  if (inbox.length === 0) return false;
  const today = calendarDate(now);
  const weekOf = mondayOf(today);
  const horizon = addDays(today, EXPIRY_WARNING_DAYS);
  const rows = await db
    .selectFrom('enrollments')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['approved', 'pending', 'changes_requested'])
    .where((eb) => eb.or([eb('insurance_expiration', '<=', horizon), eb('registration_expiration', '<=', horizon)]))
    .execute();
  const items: DigestItem[] = [];
  for (const row of await newestPerTechnician(db, rows)) {
    for (const [document, expiresOn] of [
      ['insurance', row.insurance_expiration],
      ['registration', row.registration_expiration],
    ] as const) {
      if (expiresOn > horizon) continue;
      items.push({
        enrollmentId: row.id,
        reference: row.reference,
        fullName: row.full_name,
        techId: row.tech_id,
        document,
        expiresOn,
      });
    }
  }
  items.sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.reference.localeCompare(b.reference));
  const id = await enqueueEmail(db, 'email.weekly_digest', {
    to: inbox,
    payload: { weekOf, asOf: today, withinDays: EXPIRY_WARNING_DAYS, items },
    enrollmentId: null,
    at: now,
    dedupeKey: `digest:${weekOf}`,
  });
  return id !== null;
}
