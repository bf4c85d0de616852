/**
 * The enrollment list's state as it lives in the address bar. The parameter names are the
 * server's own (GET /api/admin/enrollments), so the page's query string is the API's query
 * string: reload, back/forward and a pasted link all show the same list, and the CSV export
 * takes the very same filters.
 */
import type { ListColumn } from '../api.js';

export type ExpiryFilter = '' | 'expiring' | 'expired';
/** Enrollments brought over from the earlier version: all of them, or those flagged for review. */
export type ImportedFilter = '' | 'any' | 'needs_review';
export type SortOrder = 'asc' | 'desc';

export interface ListQuery {
  search: string;
  /** '' = everything in effect (the server leaves superseded revisions and deleted ones out). */
  status: string;
  state: string;
  expiry: ExpiryFilter;
  expiringWithinDays: number;
  imported: ImportedFilter;
  sort: string;
  order: SortOrder;
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [25, 50, 100] as const;

export const DEFAULT_QUERY: ListQuery = {
  search: '',
  status: '',
  state: '',
  expiry: '',
  expiringWithinDays: 30,
  imported: '',
  sort: 'created_at',
  order: 'desc',
  page: 1,
  pageSize: 25,
};

/** Which list columns sort, and by which server column. Name and tech ID are always shown. */
export const SORT_KEYS: Partial<Record<ListColumn | 'fullName' | 'techId', string>> = {
  fullName: 'full_name',
  techId: 'tech_id',
  reference: 'reference',
  revision: 'revision',
  status: 'status',
  district: 'district',
  state: 'state',
  vin: 'vin',
  year: 'year',
  make: 'make',
  model: 'model',
  insuranceExpiration: 'insurance_expiration',
  registrationExpiration: 'registration_expiration',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

function positiveInteger(text: string | null, fallback: number): number {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 ? value : fallback;
}

export function parseListQuery(params: URLSearchParams): ListQuery {
  const expiry = params.get('expiry');
  const imported = params.get('imported');
  const pageSize = positiveInteger(params.get('pageSize'), DEFAULT_QUERY.pageSize);
  return {
    search: params.get('search') ?? '',
    status: params.get('status') ?? '',
    state: params.get('state') ?? '',
    expiry: expiry === 'expiring' || expiry === 'expired' ? expiry : '',
    expiringWithinDays: positiveInteger(params.get('expiringWithinDays'), DEFAULT_QUERY.expiringWithinDays),
    imported: imported === 'any' || imported === 'needs_review' ? imported : '',
    sort: params.get('sort') || DEFAULT_QUERY.sort,
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    page: positiveInteger(params.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_QUERY.pageSize,
  };
}

/** Only what differs from the defaults, so addresses stay short and readable. */
export function toSearchParams(query: ListQuery): URLSearchParams {
  const params = new URLSearchParams();
  const text: [keyof ListQuery, string][] = [
    ['search', query.search.trim()],
    ['status', query.status],
    ['state', query.state],
    ['expiry', query.expiry],
    ['imported', query.imported],
  ];
  for (const [key, value] of text) if (value !== '') params.set(key, value);
  if (query.expiry === 'expiring') params.set('expiringWithinDays', String(query.expiringWithinDays));
  if (query.sort !== DEFAULT_QUERY.sort || query.order !== DEFAULT_QUERY.order) {
    params.set('sort', query.sort);
    params.set('order', query.order);
  }
  if (query.page !== 1) params.set('page', String(query.page));
  if (query.pageSize !== DEFAULT_QUERY.pageSize) params.set('pageSize', String(query.pageSize));
  return params;
}

/** A filter change starts again at page 1; only paging itself keeps the page. */
export function changeQuery(query: ListQuery, change: Partial<ListQuery>): ListQuery {
  return { ...query, page: 1, ...change };
}

export function listAddress(query: ListQuery): string {
  const params = toSearchParams(query).toString();
  return `/admin/enrollments${params ? `?${params}` : ''}`;
}
