/** Who did what to this technician's enrollment, when and from which address, newest first. */
import type { AuditEvent } from '../api.js';
import { formatDateTime, formatValue } from '../format.js';
import { actionLabel, fieldLabel } from '../labels.js';

const MAX_DETAIL_LENGTH = 160;

/** A detail worth a person's attention: plain values and lists of them, not nested records or hashes. */
function isReadable(key: string, value: unknown): boolean {
  if (/sha256|hash/i.test(key)) return false;
  if (Array.isArray(value)) return value.every((item) => item === null || typeof item !== 'object');
  return value === null || typeof value !== 'object';
}

/** The readable part of an event's details, in words ("note: …; task: …"), kept short. */
function describeDetails(details: Readonly<Record<string, unknown>>): string {
  const text = Object.entries(details)
    .filter(([key, value]) => isReadable(key, value) && value !== null && value !== '')
    .map(([key, value]) => {
      const shown = key === 'fields' && Array.isArray(value) ? value.map((f) => fieldLabel(String(f))) : value;
      return `${key}: ${formatValue(shown)}`;
    })
    .join('; ');
  return text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH - 1)}…` : text;
}

export function AuditHistory({ events }: { events: AuditEvent[] }) {
  const newestFirst = [...events].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return (
    <section aria-labelledby="audit-heading" className="panel">
      <h2 id="audit-heading">History</h2>
      {newestFirst.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table compact cards" data-testid="audit-table">
            <caption className="visually-hidden">Audit history, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Details</th>
                <th scope="col">IP address</th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((event) => (
                <tr key={event.id}>
                  <td data-label="When">{formatDateTime(event.occurredAt)}</td>
                  <td data-label="Who">{event.actor}</td>
                  <td data-label="Action">{actionLabel(event.action)}</td>
                  <td className="details-cell" data-label="Details">
                    {describeDetails(event.details as Readonly<Record<string, unknown>>)}
                  </td>
                  <td data-label="IP address">{event.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
