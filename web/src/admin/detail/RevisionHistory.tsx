/**
 * Every revision the technician submitted, each a link, and what changed from one to the next
 * (`changes` from the server), field by field, old value beside new.
 */
import type { EnrollmentDetail } from '../api.js';
import { StatusBadge } from '../components/Badges.js';
import { formatDateTime, formatValue } from '../format.js';
import { fieldLabel } from '../labels.js';
import { enrollmentAddress, Link } from '../router.js';

function Empty({ value }: { value: unknown }) {
  const text = formatValue(value);
  return text === '' ? <span className="muted">empty</span> : text;
}

export function RevisionHistory({ detail }: { detail: EnrollmentDetail }) {
  const current = detail.enrollment.id;
  return (
    <section aria-labelledby="revisions-heading" className="panel">
      <h2 id="revisions-heading">Revisions</h2>
      <ol className="revision-list">
        {detail.revisions.map((revision) => {
          const changes = detail.changes.find((c) => c.revision === revision.revision);
          return (
            <li key={revision.id}>
              <p>
                {revision.id === current ? (
                  <strong aria-current="page">Revision {revision.revision} (shown)</strong>
                ) : (
                  <Link to={enrollmentAddress(revision.id)}>Revision {revision.revision}</Link>
                )}{' '}
                · {formatDateTime(revision.createdAt)} · <StatusBadge status={revision.status} />
              </p>
              {changes ? (
                changes.fields.length === 0 ? (
                  <p className="muted">Resubmitted without changing any answer.</p>
                ) : (
                  <table className="data-table compact">
                    <caption>Changed in revision {revision.revision}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Field</th>
                        <th scope="col">Before</th>
                        <th scope="col">After</th>
                      </tr>
                    </thead>
                    <tbody>
                      {changes.fields.map((change) => (
                        <tr key={change.field}>
                          <th scope="row">{fieldLabel(change.field)}</th>
                          <td>
                            <Empty value={change.from} />
                          </td>
                          <td>
                            <Empty value={change.to} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
