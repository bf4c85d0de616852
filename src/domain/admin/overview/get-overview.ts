import type { BackupHealth } from '../../../backup/backup-health.js';
import { readLiveDataFindings } from '../../../backup/live-data-findings.js';
import type { Config } from '../../../config.js';
import { describeMailStatus } from '../../../mail/mail-status.js';
import type { Db } from '../../../storage/db.js';
import {
  countByStatusWithDeleted,
  countExpiryInEffect,
  countSubmissionsPerDay,
} from '../../../storage/repositories/enrollment-stats.repository.js';
import { addDays, calendarDate, EXPIRY_WARNING_DAYS } from '../compliance.js';
import { sumByWeek, weekStartOf } from './weekly-buckets.js';

const WEEKS = 12;
const STATUSES = ['pending', 'approved', 'rejected', 'changes_requested', 'superseded', 'deleted'] as const;

/**
 * The control center's first screen: enrollments by status, documents expired or expiring
 * within 30 days, submissions per week over the last 12 weeks, the age of the last verified
 * backup (with the warning when it is too old), the e-mail outbox, and what the checks of the
 * live data found (damaged or missing stored files, by enrollment id; database problems).
 */
export async function getOverview(deps: {
  db: Db;
  config: Config;
  now: () => Date;
  backupHealth: () => Promise<BackupHealth>;
}) {
  const db = deps.db.kysely;
  const now = deps.now();
  const today = calendarDate(now);
  const firstWeek = addDays(weekStartOf(now), -7 * (WEEKS - 1));
  const [counts, expiry, perDay, backup, mail, liveData] = await Promise.all([
    countByStatusWithDeleted(db),
    countExpiryInEffect(db, today, addDays(today, EXPIRY_WARNING_DAYS)),
    countSubmissionsPerDay(db, `${firstWeek}T00:00:00.000Z`),
    deps.backupHealth(),
    describeMailStatus(db, deps.config),
    readLiveDataFindings(db),
  ]);
  return {
    byStatus: Object.fromEntries(STATUSES.map((status) => [status, counts[status] ?? 0])),
    expiringWithin30Days: expiry.expiring,
    expired: expiry.expired,
    submissionsPerWeek: sumByWeek(perDay, now, WEEKS),
    backup,
    mail,
    liveData,
  };
}
