/**
 * What the technician was asked to change. The link to their pre-filled form exists only in
 * the answer to the request (the server keeps only a hash of its code), so it is shown while
 * this page stays open; afterwards a new request makes a new link.
 */
import type { RequestedChanges } from '../api.js';
import { CopyLink } from '../components/CopyLink.js';
import { formatDateTime } from '../format.js';
import { fieldLabel } from '../labels.js';

export function RequestedChangesPanel({ requested, link }: { requested: RequestedChanges; link: string | null }) {
  return (
    <section aria-labelledby="requested-heading" className="panel highlight">
      <h2 id="requested-heading">Changes requested</h2>
      <p className="preserve-lines">{requested.message}</p>
      <p>
        Fields:{' '}
        {requested.fields.length > 0 ? (
          requested.fields.map(fieldLabel).join(', ')
        ) : (
          <span className="muted">none named</span>
        )}
        {requested.requestedAt ? (
          <span className="muted">
            {' '}
            · asked {formatDateTime(requested.requestedAt)}
            {requested.requestedBy ? ` by ${requested.requestedBy}` : ''}
          </span>
        ) : null}
      </p>
      {link ? (
        <CopyLink link={link} label="Send this link to the technician (it opens their form, pre-filled)" />
      ) : (
        <p className="muted">
          The link was shown when the changes were requested. Request changes again for a new one.
        </p>
      )}
    </section>
  );
}
