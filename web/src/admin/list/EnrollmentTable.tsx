import { industryLabel } from '../../../../src/shared/field-labels.js';
/**
 * The enrollment list as a real table: column headers are buttons that sort (the header says
 * how with aria-sort), the name links to the enrollment. Every value is rendered as text, so a
 * technician's answers can never become markup here.
 */
import type { EnrollmentListItem, ListColumn } from '../api.js';
import { ChecklistCount, ComplianceDot, ImportedBadge, StatusBadge } from '../components/Badges.js';
import { formatCalendarDate, formatDateTime, formatValue } from '../format.js';
import { COLUMN_LABELS } from '../labels.js';
import { enrollmentAddress, Link } from '../router.js';
import { type ListQuery, SORT_KEYS, type SortOrder } from './list-query.js';

type ColumnKey = ListColumn | 'fullName' | 'techId';

const DATE_TIME_COLUMNS = new Set<ColumnKey>(['createdAt', 'updatedAt', 'reviewedAt']);
const CALENDAR_COLUMNS = new Set<ColumnKey>(['insuranceExpiration', 'registrationExpiration']);

function Cell({ item, column }: { item: EnrollmentListItem; column: ListColumn }) {
  if (column === 'status') {
    return (
      <>
        <StatusBadge status={item.status} deleted={item.deletedAt !== null} />
        {item.legacyId !== null ? <ImportedBadge flags={item.reviewFlags} /> : null}
      </>
    );
  }
  if (column === 'compliance') return <ComplianceDot compliance={item.compliance} />;
  if (column === 'checklist') return <ChecklistCount progress={item.checklist} />;
  const value = item[column];
  if (DATE_TIME_COLUMNS.has(column)) return <>{formatDateTime(value as string | null)}</>;
  if (CALENDAR_COLUMNS.has(column)) return <>{formatCalendarDate(value as string)}</>;
  if (column === 'industries' && Array.isArray(value))
    return <>{value.map((code) => industryLabel(code)).join(', ')}</>;
  return <>{formatValue(value)}</>;
}

interface SortProps {
  query: ListQuery;
  onSort(sort: string, order: SortOrder): void;
}

function HeaderCell({ column, label, query, onSort }: { column: ColumnKey; label: string } & SortProps) {
  const sortKey = SORT_KEYS[column];
  if (!sortKey) return <th scope="col">{label}</th>;
  const active = query.sort === sortKey;
  const ariaSort = active ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none';
  const nextOrder: SortOrder = active && query.order === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button type="button" className="sort-button" onClick={() => onSort(sortKey, nextOrder)}>
        {label}
        <span aria-hidden="true" className="sort-arrow">
          {active ? (query.order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

interface Props extends SortProps {
  items: EnrollmentListItem[];
  columns: ListColumn[];
}

export function EnrollmentTable({ items, columns, query, onSort }: Props) {
  return (
    <div className="table-scroll">
      <table className="data-table enrollment-table cards-narrow">
        <caption className="visually-hidden">Enrollments; column headers sort the list</caption>
        <thead>
          <tr>
            <HeaderCell column="fullName" label="Name" query={query} onSort={onSort} />
            <HeaderCell column="techId" label="Tech ID" query={query} onSort={onSort} />
            {columns.map((column) => (
              <HeaderCell key={column} column={column} label={COLUMN_LABELS[column]} query={query} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} data-testid="enrollment-row">
              <th scope="row">
                <Link to={enrollmentAddress(item.id)}>{item.fullName}</Link>
              </th>
              <td data-label="Tech ID">{item.techId}</td>
              {columns.map((column) => (
                <td key={column} data-label={COLUMN_LABELS[column]}>
                  <Cell item={item} column={column} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
