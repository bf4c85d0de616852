import { describe, expect, it } from 'vitest';
import { changeQuery, DEFAULT_QUERY, listAddress, parseListQuery, toSearchParams } from './list-query.js';

describe('the admin list query in the address bar', () => {
  it('reads nothing as the defaults, and writes the defaults as nothing', () => {
    expect(parseListQuery(new URLSearchParams())).toEqual(DEFAULT_QUERY);
    expect(listAddress(DEFAULT_QUERY)).toBe('/admin/enrollments');
  });

  it('round-trips every setting that differs from the defaults', () => {
    const query = {
      ...DEFAULT_QUERY,
      search: 'łukasz',
      status: 'pending',
      state: 'TX',
      expiry: 'expiring' as const,
      expiringWithinDays: 14,
      imported: 'needs_review' as const,
      sort: 'full_name',
      order: 'asc' as const,
      page: 3,
      pageSize: 100,
    };
    expect(parseListQuery(toSearchParams(query))).toEqual(query);
  });

  it('falls back to the defaults for values a hand-edited address gets wrong', () => {
    const parsed = parseListQuery(
      new URLSearchParams('expiry=soon&order=sideways&page=-2&pageSize=33&expiringWithinDays=1.5&imported=yes'),
    );
    expect(parsed).toMatchObject({
      imported: '',
      expiry: '',
      order: 'desc',
      page: 1,
      pageSize: 25,
      expiringWithinDays: 30,
    });
  });

  it('writes the days window only with the "expiring" filter, and trims the search', () => {
    const params = toSearchParams({ ...DEFAULT_QUERY, search: '  ada ', expiry: 'expired', expiringWithinDays: 7 });
    expect(params.toString()).toBe('search=ada&expiry=expired');
  });

  it('starts again at page 1 when a filter changes, but keeps the page when paging', () => {
    const onPage4 = { ...DEFAULT_QUERY, page: 4 };
    expect(changeQuery(onPage4, { state: 'CA' }).page).toBe(1);
    expect(changeQuery(onPage4, { page: 5 }).page).toBe(5);
  });
});
