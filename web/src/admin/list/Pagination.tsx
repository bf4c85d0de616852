/** Previous/next pages and the page size, with "Page 2 of 7" said in words. */
import { type ListQuery, PAGE_SIZES } from './list-query.js';

interface Props {
  query: ListQuery;
  total: number;
  /** False: there are more than `total` matches (the server stops counting there). */
  exact: boolean;
  onChange(change: Partial<ListQuery>): void;
}

export function Pagination({ query, total, exact, onChange }: Props) {
  const pages = Math.max(1, Math.ceil(total / query.pageSize));
  const first = total === 0 ? 0 : (query.page - 1) * query.pageSize + 1;
  const last = exact ? Math.min(total, query.page * query.pageSize) : query.page * query.pageSize;
  const more = exact ? '' : 'more than ';
  return (
    <nav className="pagination" aria-label="Pages of enrollments">
      <button
        type="button"
        className="button secondary small"
        disabled={query.page <= 1}
        onClick={() => onChange({ page: query.page - 1 })}
      >
        Previous page
      </button>
      <span>
        Page {exact ? Math.min(query.page, pages) : query.page} of {more}
        {pages}
        <span className="muted">
          {' '}
          · showing {first}–{last} of {more}
          {total}
        </span>
      </span>
      <button
        type="button"
        className="button secondary small"
        disabled={exact && query.page >= pages}
        onClick={() => onChange({ page: query.page + 1 })}
      >
        Next page
      </button>
      <label className="page-size">
        Per page
        <select
          value={query.pageSize}
          onChange={(event) => onChange({ page: 1, pageSize: Number(event.target.value) })}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
