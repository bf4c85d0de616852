import type { EnrollmentStatus } from '../../storage/database.js';

export type Compliance = 'green' | 'yellow' | 'red';

/** Documents expiring within this many days turn an enrollment yellow. */
export const EXPIRY_WARNING_DAYS = 30;

export interface ComplianceInput {
  status: EnrollmentStatus;
  insuranceExpiration: string;
  registrationExpiration: string;
  checklist: { done: number; total: number };
}

/**
 * Compliance at a glance, judged on calendar dates (`today` is YYYY-MM-DD):
 * - red: the insurance or the registration has expired (its date is before today), or the
 *   enrollment was rejected;
 * - yellow: a document expires within 30 days (today included), or the enrollment awaits a
 *   decision (pending review, or changes requested from the technician), or it is approved but
 *   its onboarding checklist is not complete;
 * - green: everything else: approved, checklist done, documents valid beyond 30 days.
 * Superseded revisions are history and are judged by their documents only.
 */
export function assessCompliance(input: ComplianceInput, today: string): Compliance {
  const dates = [input.insuranceExpiration, input.registrationExpiration];
  if (input.status === 'rejected' || dates.some((date) => date < today)) return 'red';
  const warnFrom = addDays(today, EXPIRY_WARNING_DAYS);
  if (dates.some((date) => date <= warnFrom)) return 'yellow';
  if (input.status === 'pending' || input.status === 'changes_requested') return 'yellow';
  if (input.status === 'approved' && input.checklist.done < input.checklist.total) return 'yellow';
  return 'green';
}

/** The UTC calendar date of an instant, as YYYY-MM-DD. */
export function calendarDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
