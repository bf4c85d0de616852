import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../storage/database.js';
import { readSetting } from '../../storage/repositories/settings.repository.js';

export const NOTIFICATION_SETTINGS_KEY = 'notifications';

const Address = z.email('Each recipient must be an e-mail address.').max(254);

/** Who gets the program's e-mails and when reminders go out; stored under `notifications`. */
export const NotificationSettingsSchema = z.strictObject({
  /** The program inbox: submission notices and the weekly digest. */
  inbox: z.array(Address).max(20, 'At most 20 recipients.').default([]),
  /** Days before an insurance or registration expiry that the technician is reminded. */
  reminderOffsets: z
    .array(z.number().int().min(0).max(365))
    .max(10)
    .refine((list) => new Set(list).size === list.length, 'Name each reminder day once.')
    .default([30, 7, 0]),
});

export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

/** The saved settings; defaults for anything not saved (or saved by an older release). */
export async function readNotificationSettings(db: Kysely<Database>): Promise<NotificationSettings> {
  const parsed = NotificationSettingsSchema.safeParse((await readSetting(db, NOTIFICATION_SETTINGS_KEY)) ?? {});
  return parsed.success ? parsed.data : NotificationSettingsSchema.parse({});
}
