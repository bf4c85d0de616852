/** Who did what to this technician's enrollment, when and from which address, newest first. */
import type { AuditEvent } from '../api.js';
import { formatDateTime, formatValue } from '../format.js';
import { actionLabel, fieldLabel } from '../labels.js';

/** The interesting part of an event's details, in words ("note: …", "task: …"). */
function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => {
      const shown = key === 'fields' && Array.isArray(value) ? value.map((f) => fieldLabel(String(f))) : value;
      return `${key}: ${formatValue(shown)}`;
    })
    .join('; ');
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
          <table className="data-table compact" data-testid="audit-table">
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
                  <td>{formatDateTime(event.occurredAt)}</td>
                  <td>{event.actor}</td>
                  <td>{actionLabel(event.action)}</td>
                  <td className="details-cell">{describeDetails(event.details)}</td>
                  <td>{event.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
