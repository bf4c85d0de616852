import type { Db } from '../../../storage/db.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { iterateEnrollments } from '../../../storage/repositories/enrollment-list.repository.js';
import { type ActionContext, auditActor } from '../../auth/actor.js';
import { parseListQuery, presentListItem } from '../../enrollment/list-enrollments.js';
import { calendarDate } from '../compliance.js';
import { csvLine, UTF8_BOM } from './csv.js';

type Item = ReturnType<typeof presentListItem>;

/** The export's columns: every field of the list, dates as ISO-8601 as stored. */
const COLUMNS: readonly [string, (item: Item) => string | number | null][] = [
  ['Reference', (e) => e.reference],
  ['Tech ID', (e) => e.techId],
  ['Revision', (e) => e.revision],
  ['Full name', (e) => e.fullName],
  ['Status', (e) => e.status],
  ['Compliance', (e) => e.compliance],
  ['Checklist done', (e) => e.checklist.done],
  ['Checklist total', (e) => e.checklist.total],
  ['District', (e) => e.district],
  ['State', (e) => e.state],
  ['Referred by', (e) => e.referredBy],
  ['Industries', (e) => e.industries.join(', ')],
  ['Email', (e) => e.email],
  ['Phone', (e) => e.phone],
  ['VIN', (e) => e.vin],
  ['Year', (e) => e.year],
  ['Make', (e) => e.make],
  ['Model', (e) => e.model],
  ['Color', (e) => e.color],
  ['Plate', (e) => e.plate],
  ['Insurance provider', (e) => e.insuranceProvider],
  ['Insurance policy number', (e) => e.insurancePolicyNumber],
  ['Insurance expiration', (e) => e.insuranceExpiration],
  ['Registration expiration', (e) => e.registrationExpiration],
  ['Submitted at', (e) => e.createdAt],
  ['Reviewed at', (e) => e.reviewedAt],
  ['Reviewed by', (e) => e.reviewedBy],
  ['Deleted at', (e) => e.deletedAt],
  ['Comment', (e) => e.comment],
];

/**
 * The filtered list as CSV, produced batch by batch while it is sent (never the whole file in
 * memory). Takes the list's query parameters; paging ones are ignored: the export is complete.
 * Exporting personal data in bulk is itself recorded in the audit trail.
 */
export async function exportEnrollmentsCsv(deps: { db: Db; now: () => Date }, context: ActionContext, raw: unknown) {
  const { page: _page, pageSize: _pageSize, ...rawQuery } = (raw ?? {}) as Record<string, unknown>;
  const now = deps.now();
  const query = parseListQuery(rawQuery, now);
  await insertAuditEvent(deps.db.kysely, {
    enrollmentId: null,
    ...auditActor(context),
    action: 'enrollments.exported',
    details: { query: rawQuery },
  });
  return { filename: `byov-enrollments-${calendarDate(now)}.csv`, content: csvLines(deps.db, query, now) };
}

async function* csvLines(db: Db, query: ReturnType<typeof parseListQuery>, now: Date): AsyncGenerator<string> {
  yield UTF8_BOM + csvLine(COLUMNS.map(([header]) => header));
  const today = calendarDate(now);
  for await (const batch of iterateEnrollments(db.kysely, { ...query.filter, ...query.order })) {
    yield batch.map((row) => csvLine(COLUMNS.map(([, value]) => value(presentListItem(row, today))))).join('');
  }
}
