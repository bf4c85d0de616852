import { z } from 'zod';
import { normalizeState } from '../../shared/us-states.js';
import type { EnrollmentStatus } from '../../storage/database.js';
import type { Db } from '../../storage/db.js';
import {
  type EnrollmentFilter,
  type EnrollmentListRow,
  type EnrollmentOrder,
  SORTABLE_COLUMNS,
  searchEnrollments,
} from '../../storage/repositories/enrollment-list.repository.js';
import { MIN_SEARCH_LENGTH } from '../../storage/repositories/enrollment-search.js';
import { addDays, assessCompliance, calendarDate, EXPIRY_WARNING_DAYS } from '../admin/compliance.js';
import { parseInput } from '../parse-input.js';
import { presentEnrollment } from './present-enrollment.js';
import { foldForSearch } from './search-text.js';

const STATUSES = ['pending', 'approved', 'rejected', 'changes_requested', 'superseded'] as const;

export const ListQuerySchema = z.strictObject({
  search: z
    .string()
    .trim()
    .max(100)
    .transform((value) => foldForSearch(value))
    .refine((folded) => folded === '' || [...folded].length >= MIN_SEARCH_LENGTH, {
      message: `Type at least ${MIN_SEARCH_LENGTH} characters to search.`,
    })
    .optional(),
  status: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.enum([...STATUSES, 'all', 'deleted'], {
          error: `Status must be one of: ${STATUSES.join(', ')}, all, deleted.`,
        }),
      ),
    )
    .optional(),
  state: z
    .string()
    .transform((value, ctx) => {
      const code = normalizeState(value);
      if (code) return code;
      ctx.addIssue({ code: 'custom', message: 'Choose one of the 50 states or DC.' });
      return z.NEVER;
    })
    .optional(),
  expiry: z.enum(['expired', 'expiring'], { error: 'Expiry must be expired or expiring.' }).optional(),
  imported: z.enum(['any', 'needs_review'], { error: 'Imported must be any or needs_review.' }).optional(),
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  sort: z.enum(SORTABLE_COLUMNS).default('created_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export interface ListQuery {
  filter: EnrollmentFilter;
  order: EnrollmentOrder;
  page: number;
  pageSize: number;
}

/** Checks the list's query parameters (shared by the list and its CSV export). */
export function parseListQuery(rawQuery: unknown, now: Date): ListQuery {
  const q = parseInput(ListQuerySchema, rawQuery, { fieldDepth: 1 });
  const statuses = (q.status ?? []).filter((s) => s !== 'all' && s !== 'deleted') as EnrollmentStatus[];
  const deleted = q.status?.includes('deleted') ?? false;
  // Superseded revisions are history: unless asked for, the list (and the deleted view) shows
  // what is in effect or awaiting review.
  const everyStatus = q.status?.includes('all') ?? false;
  const excludedStatuses: EnrollmentStatus[] = everyStatus || statuses.length > 0 ? [] : ['superseded'];
  return {
    filter: {
      search: q.search || undefined,
      statuses: everyStatus ? [] : statuses,
      excludedStatuses,
      state: q.state,
      deleted,
      expiring: expiryRange(q, now),
      imported: q.imported,
    },
    order: { sort: q.sort, order: q.order },
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * `expiry=expired`: a document's date is before today. `expiry=expiring`: a document expires
 * from today through `expiringWithinDays` (30 by default). `expiringWithinDays` alone keeps its
 * earlier meaning: expiring by then, expired ones included.
 */
function expiryRange(q: { expiry?: 'expired' | 'expiring'; expiringWithinDays?: number }, now: Date) {
  const today = calendarDate(now);
  if (q.expiry === 'expired') return { to: addDays(today, -1) };
  const to = addDays(today, q.expiringWithinDays ?? EXPIRY_WARNING_DAYS);
  if (q.expiry === 'expiring') return { from: today, to };
  return q.expiringWithinDays === undefined ? undefined : { to };
}

/** Admin list: search, filters, sorting and pagination, validated before any query runs. */
export async function listEnrollments(deps: { db: Db; now: () => Date }, rawQuery: unknown) {
  const now = deps.now();
  const q = parseListQuery(rawQuery, now);
  const { rows, total, totalExact } = await searchEnrollments(deps.db.kysely, {
    ...q.filter,
    ...q.order,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const today = calendarDate(now);
  return {
    items: rows.map((row) => presentListItem(row, today)),
    total,
    totalExact,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** A list row: the enrollment, its checklist progress and its compliance colour. */
export function presentListItem(row: EnrollmentListRow, today: string) {
  const enrollment = presentEnrollment(row);
  const checklist = { done: row.checklist_done, total: row.checklist_total };
  return { ...enrollment, compliance: assessCompliance({ ...enrollment, checklist }, today), checklist };
}
