/**
 * The off-machine copies (BACKUP_REMOTE) as the remote lists them: name, time, size and whether
 * they are encrypted. Restoring one is a CLI step (`byov restore --remote`), like a local restore.
 */
import { listRemoteCopies } from '../api.js';
import { ErrorNotice, Loading } from '../components/Notices.js';
import { formatBytes, formatDateTime } from '../format.js';
import { useResource } from '../use-resource.js';

export function RemoteCopies() {
  const copies = useResource(listRemoteCopies, 'off-machine copies');
  const data = copies.data;
  return (
    <section aria-labelledby="remote-heading" className="panel">
      <h2 id="remote-heading">Off-machine copies</h2>
      <ErrorNotice error={copies.error} onRetry={copies.reload} />
      {!data ? (
        copies.loading ? (
          <Loading what="off-machine copies" />
        ) : null
      ) : !data.configured ? (
        <p>
          No off-machine copies are configured: set <code>BACKUP_REMOTE</code> (and <code>BACKUP_ENCRYPT_TO</code>) on
          the server so each backup is also kept somewhere else.
        </p>
      ) : (
        <>
          <p>
            In <code>{data.remote}</code>
            {data.error ? `: the remote cannot be read right now (${data.error}).` : '.'}
          </p>
          {data.backups.length === 0 && !data.error ? <p>No backup has been copied yet.</p> : null}
          {data.backups.length > 0 ? (
            <table className="data-table cards">
              <thead>
                <tr>
                  <th scope="col">Backup</th>
                  <th scope="col">Taken</th>
                  <th scope="col">Size</th>
                  <th scope="col">Encrypted</th>
                </tr>
              </thead>
              <tbody>
                {data.backups.map((b) => (
                  <tr key={b.name}>
                    <th scope="row">
                      <code>{b.name}</code>
                    </th>
                    <td data-label="Taken">{formatDateTime(b.createdAt)}</td>
                    <td data-label="Size">{formatBytes(b.bytes)}</td>
                    <td data-label="Encrypted">{b.encrypted ? 'yes' : 'NO'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {data.damaged.length > 0 ? <p>Damaged records: {data.damaged.join(', ')}</p> : null}
        </>
      )}
    </section>
  );
}
