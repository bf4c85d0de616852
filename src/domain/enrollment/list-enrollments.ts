import { z } from 'zod';
import type { EnrollmentStatus } from '../../storage/database.js';
import type { Db } from '../../storage/db.js';
import { SORTABLE_COLUMNS, searchEnrollments } from '../../storage/repositories/enrollment.repository.js';
import { AppError } from '../errors.js';
import { firstIssue } from './enrollment.schema.js';
import { presentEnrollment } from './present-enrollment.js';
import { normalizeState } from './us-states.js';

const STATUSES = ['pending', 'approved', 'rejected', 'changes_requested', 'superseded'] as const;
/** Superseded revisions are history: the list shows what is in effect or awaiting review. */
const DEFAULT_STATUSES: EnrollmentStatus[] = ['pending', 'approved', 'rejected', 'changes_requested'];

const ListQuerySchema = z.strictObject({
  search: z.string().trim().max(100).optional(),
  status: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum([...STATUSES, 'all'], { error: `Status must be one of: ${STATUSES.join(', ')}, all.` })))
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
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  sort: z.enum(SORTABLE_COLUMNS).default('created_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

/** Admin list: search, filters, sorting and pagination, validated before any query runs. */
export async function listEnrollments(deps: { db: Db; now: () => Date }, rawQuery: unknown) {
  const parsed = ListQuerySchema.safeParse(rawQuery);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    // Report the query parameter itself ("status"), not the position inside its list.
    throw new AppError('VALIDATION_FAILED', issue.message, { field: issue.field.split('.')[0] });
  }
  const q = parsed.data;
  const statuses = q.status?.includes('all') ? [] : ((q.status as EnrollmentStatus[] | undefined) ?? DEFAULT_STATUSES);
  const { rows, total } = await searchEnrollments(deps.db.kysely, {
    search: q.search || undefined,
    statuses,
    state: q.state,
    expiringOnOrBefore: q.expiringWithinDays === undefined ? undefined : addDays(deps.now(), q.expiringWithinDays),
    sort: q.sort,
    order: q.order,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map(presentEnrollment), total, page: q.page, pageSize: q.pageSize };
}

function addDays(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
