import { ENROLLMENT_FIELDS, type EnrollmentFieldKey, FIELD_BY_KEY } from '../../../shared/enrollment-fields.js';
import { industryLabel } from '../../../shared/field-labels.js';
import type { Db } from '../../../storage/db.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { iterateEnrollments } from '../../../storage/repositories/enrollment-list.repository.js';
import { type ActionContext, auditActor } from '../../auth/actor.js';
import { parseListQuery, presentListItem } from '../../enrollment/list-enrollments.js';
import { calendarDate } from '../compliance.js';
import { csvLine, UTF8_BOM } from './csv.js';

type Item = ReturnType<typeof presentListItem>;

type Column = readonly [header: string, value: (item: Item) => string | number | boolean | null];

/** The enrollment's answers that have a CSV header in the field table, other than those placed first or last. */
function fieldColumns(keys: readonly EnrollmentFieldKey[]): Column[] {
  return keys.flatMap((key) => {
    const header = FIELD_BY_KEY[key].csvHeader;
    if (header === null) return [];
    return [
      [
        header,
        (e: Item) =>
          Array.isArray(e[key]) ? (e[key] as string[]).map((code) => industryLabel(code)).join(', ') : e[key],
      ] as const,
    ];
  });
}

const FIRST: readonly EnrollmentFieldKey[] = ['techId', 'fullName'];
const LAST: readonly EnrollmentFieldKey[] = ['comment'];

/**
 * The export's columns: who and which revision first, then every answer in the field table's
 * order, then the record's dates, and the free-text comment last. Dates as ISO-8601 as stored.
 */
const COLUMNS: readonly Column[] = [
  ['Reference', (e) => e.reference],
  ...fieldColumns(['techId']),
  ['Revision', (e) => e.revision],
  ...fieldColumns(['fullName']),
  ['Status', (e) => e.status],
  ['Compliance', (e) => e.compliance],
  ['Checklist done', (e) => e.checklist.done],
  ['Checklist total', (e) => e.checklist.total],
  ...fieldColumns(ENROLLMENT_FIELDS.map((f) => f.key).filter((key) => !FIRST.includes(key) && !LAST.includes(key))),
  ['Submitted at', (e) => e.createdAt],
  ['Reviewed at', (e) => e.reviewedAt],
  ['Reviewed by', (e) => e.reviewedBy],
  ['Deleted at', (e) => e.deletedAt],
  ...fieldColumns(LAST),
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
