/**
 * Search and filters for the enrollment list. Choosing from a list applies at once; the search
 * text and the number of days apply on Enter or the Search button, so typing does not flood
 * the history with one entry per letter.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { US_STATES } from '../../../../src/shared/us-states.js';
import { STATUS_LABELS } from '../labels.js';
import { changeQuery, DEFAULT_QUERY, type ExpiryFilter, type ImportedFilter, type ListQuery } from './list-query.js';

const STATUS_FILTERS = ['pending', 'approved', 'rejected', 'changes_requested', 'deleted'] as const;
const MAX_DAYS = 3650;

interface Props {
  query: ListQuery;
  onChange(query: ListQuery): void;
}

/** A labelled select that applies its choice at once. */
function FilterSelect(props: {
  id: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange(value: string): void;
}) {
  return (
    <div className="filter">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const STATUS_OPTIONS = [
  { value: '', label: 'All in effect' },
  ...STATUS_FILTERS.map((status) => ({ value: status, label: STATUS_LABELS[status] })),
  { value: 'all', label: 'Every revision' },
];
const STATE_OPTIONS = [{ value: '', label: 'All states' }, ...US_STATES.map((s) => ({ value: s.code, label: s.name }))];
const IMPORTED_OPTIONS = [
  { value: '', label: 'Any origin' },
  { value: 'any', label: 'Imported from the earlier version' },
  { value: 'needs_review', label: 'Imported, needs review' },
];
const EXPIRY_OPTIONS = [
  { value: '', label: 'Any date' },
  { value: 'expiring', label: 'Expiring soon' },
  { value: 'expired', label: 'Expired' },
];

function SearchBox({ value, onChange }: { value: string; onChange(value: string): void }) {
  return (
    <div className="filter search-filter">
      <label htmlFor="filter-search">Search</label>
      <div className="inline-input">
        <input
          id="filter-search"
          type="search"
          placeholder="Name, tech ID or VIN"
          aria-describedby="filter-search-hint"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
        <button type="submit" className="button primary">
          Search
        </button>
      </div>
      <small id="filter-search-hint" className="hint">
        At least 3 characters, from anywhere in the name, tech ID or VIN.
      </small>
    </div>
  );
}

/** The form's own copy of the typed values, following the address when back/forward changes it. */
function useTypedValues(query: ListQuery) {
  const [search, setSearch] = useState(query.search);
  const [days, setDays] = useState(String(query.expiringWithinDays));
  useEffect(() => setSearch(query.search), [query.search]);
  useEffect(() => setDays(String(query.expiringWithinDays)), [query.expiringWithinDays]);
  const typedDays = (): number => {
    const value = Number(days);
    return Number.isInteger(value) && value >= 1 && value <= MAX_DAYS ? value : query.expiringWithinDays;
  };
  return { search, setSearch, days, setDays, typedDays };
}

export function ListFilters({ query, onChange }: Props) {
  const typed = useTypedValues(query);
  const apply = (change: Partial<ListQuery>) => onChange(changeQuery(query, change));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply({ search: typed.search, expiringWithinDays: typed.typedDays() });
  };

  return (
    <search aria-label="Enrollments">
      <form className="list-filters" onSubmit={submit}>
        <SearchBox value={typed.search} onChange={typed.setSearch} />
        <FilterSelect
          id="filter-status"
          label="Status"
          value={query.status}
          options={STATUS_OPTIONS}
          onChange={(status) => apply({ status })}
        />
        <FilterSelect
          id="filter-state"
          label="State"
          value={query.state}
          options={STATE_OPTIONS}
          onChange={(state) => apply({ state })}
        />
        <FilterSelect
          id="filter-expiry"
          label="Insurance or registration"
          value={query.expiry}
          options={EXPIRY_OPTIONS}
          onChange={(expiry) => apply({ expiry: expiry as ExpiryFilter, expiringWithinDays: typed.typedDays() })}
        />
        {query.expiry === 'expiring' ? (
          <div className="filter days-filter">
            <label htmlFor="filter-days">Within days</label>
            <input
              id="filter-days"
              type="number"
              min={1}
              max={MAX_DAYS}
              value={typed.days}
              onChange={(event) => typed.setDays(event.target.value)}
              onBlur={() =>
                typed.typedDays() !== query.expiringWithinDays && apply({ expiringWithinDays: typed.typedDays() })
              }
            />
          </div>
        ) : null}
        <FilterSelect
          id="filter-imported"
          label="Origin"
          value={query.imported}
          options={IMPORTED_OPTIONS}
          onChange={(imported) => apply({ imported: imported as ImportedFilter })}
        />
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
    </search>
  );
}
