/**
 * Search and filters for the enrollment list. Choosing from a list applies at once; the search
 * text and the number of days apply on Enter or the Search button, so typing does not flood
 * the history with one entry per letter.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { US_STATES } from '../../../../src/domain/enrollment/us-states.js';
import { STATUS_LABELS } from '../labels.js';
import { changeQuery, DEFAULT_QUERY, type ExpiryFilter, type ListQuery } from './list-query.js';

const STATUS_FILTERS = ['pending', 'approved', 'rejected', 'changes_requested', 'deleted'] as const;

interface Props {
  query: ListQuery;
  onChange(query: ListQuery): void;
}

export function ListFilters({ query, onChange }: Props) {
  const [search, setSearch] = useState(query.search);
  const [days, setDays] = useState(String(query.expiringWithinDays));
  // Back/forward changes the address under the form: show what the address now says.
  useEffect(() => setSearch(query.search), [query.search]);
  useEffect(() => setDays(String(query.expiringWithinDays)), [query.expiringWithinDays]);

  const typedDays = (): number => {
    const value = Number(days);
    return Number.isInteger(value) && value >= 1 && value <= 3650 ? value : query.expiringWithinDays;
  };
  const apply = (change: Partial<ListQuery>) => onChange(changeQuery(query, change));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply({ search, expiringWithinDays: typedDays() });
  };

  return (
    <form role="search" aria-label="Enrollments" className="list-filters" onSubmit={submit}>
      <div className="filter search-filter">
        <label htmlFor="filter-search">Search</label>
        <div className="inline-input">
          <input
            id="filter-search"
            type="search"
            placeholder="Name, tech ID or VIN"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <button type="submit" className="button primary">
            Search
          </button>
        </div>
      </div>
      <div className="filter">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" value={query.status} onChange={(event) => apply({ status: event.target.value })}>
          <option value="">All in effect</option>
          {STATUS_FILTERS.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
          <option value="all">Every revision</option>
        </select>
      </div>
      <div className="filter">
        <label htmlFor="filter-state">State</label>
        <select id="filter-state" value={query.state} onChange={(event) => apply({ state: event.target.value })}>
          <option value="">All states</option>
          {US_STATES.map((state) => (
            <option key={state.code} value={state.code}>
              {state.name}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="filter-expiry">Insurance or registration</label>
        <select
          id="filter-expiry"
          value={query.expiry}
          onChange={(event) => apply({ expiry: event.target.value as ExpiryFilter, expiringWithinDays: typedDays() })}
        >
          <option value="">Any date</option>
          <option value="expiring">Expiring soon</option>
          <option value="expired">Expired</option>
        </select>
      </div>
      {query.expiry === 'expiring' ? (
        <div className="filter days-filter">
          <label htmlFor="filter-days">Within days</label>
          <input
            id="filter-days"
            type="number"
            min={1}
            max={3650}
            value={days}
            onChange={(event) => setDays(event.target.value)}
            onBlur={() => typedDays() !== query.expiringWithinDays && apply({ expiringWithinDays: typedDays() })}
          />
        </div>
      ) : null}
      <div className="filter filter-reset">
        <button
          type="button"
          className="button link"
          onClick={() => onChange({ ...DEFAULT_QUERY, pageSize: query.pageSize })}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
