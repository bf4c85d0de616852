/**
 * The enrollment list: search and filters, sortable columns, pages of 25/50/100 from the
 * server, the admin's own column choice, and a CSV export of exactly what is filtered. The
 * address bar holds every filter, so the list survives reload and back/forward.
 */
import { enrollmentsCsvUrl, getPreferences, type ListColumn, listEnrollments } from '../api.js';
import { ErrorNotice, Loading } from '../components/Notices.js';
import { ColumnChooser } from '../list/ColumnChooser.js';
import { EnrollmentTable } from '../list/EnrollmentTable.js';
import { ListFilters } from '../list/ListFilters.js';
import { type ListQuery, listAddress, parseListQuery, toSearchParams } from '../list/list-query.js';
import { Pagination } from '../list/Pagination.js';
import { usePageTitle } from '../page-title.js';
import { navigate, useAddress } from '../router.js';
import { useResource } from '../use-resource.js';

function ResultCount({ total, exact, loading }: { total: number | undefined; exact: boolean; loading: boolean }) {
  let text = '';
  if (loading) text = 'Loading enrollments…';
  else if (total !== undefined && !exact) text = `More than ${total.toLocaleString('en-US')} enrollments`;
  else if (total !== undefined) text = `${total} enrollment${total === 1 ? '' : 's'}`;
  return (
    <p role="status" className="result-count" data-testid="result-count">
      {text}
    </p>
  );
}

function EmptyList({ filtered }: { filtered: boolean }) {
  return (
    <p className="empty-state">
      {filtered
        ? 'No enrollment matches these filters.'
        : 'No enrollments yet. They appear here once technicians submit the form.'}
    </p>
  );
}

export function EnrollmentsPage() {
  usePageTitle('Enrollments');
  const query = parseListQuery(useAddress().query);
  const apiQuery = toSearchParams(query);
  const key = apiQuery.toString();
  const list = useResource(() => listEnrollments(apiQuery), key);
  const preferences = useResource(getPreferences, 'preferences');
  const show = (next: ListQuery) => navigate(listAddress(next));
  const setColumns = (columns: ListColumn[]) => preferences.setData({ columns });

  return (
    <>
      <h1 tabIndex={-1}>Enrollments</h1>
      <ListFilters query={query} onChange={show} />
      <div className="list-toolbar">
        <ResultCount total={list.data?.total} exact={list.data?.totalExact ?? true} loading={list.loading} />
        {preferences.data ? <ColumnChooser columns={preferences.data.columns} onChange={setColumns} /> : null}
        <a className="button secondary small" href={enrollmentsCsvUrl(apiQuery)} download data-testid="export-csv">
          Export CSV
        </a>
      </div>
      <ErrorNotice error={list.error ?? preferences.error} onRetry={list.error ? list.reload : preferences.reload} />
      {list.data && preferences.data ? (
        list.data.total === 0 ? (
          <EmptyList filtered={Boolean(query.search || query.status || query.state || query.expiry)} />
        ) : (
          <>
            <EnrollmentTable
              items={list.data.items}
              columns={preferences.data.columns}
              query={query}
              onSort={(sort, order) => show({ ...query, sort, order, page: 1 })}
            />
            <Pagination
              query={query}
              total={list.data.total}
              exact={list.data.totalExact}
              onChange={(change) => show({ ...query, ...change })}
            />
          </>
        )
      ) : list.loading || preferences.loading ? (
        <Loading what="enrollments" />
      ) : null}
    </>
  );
}
