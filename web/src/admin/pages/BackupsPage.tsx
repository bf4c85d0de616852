/**
 * Backups (admins): every backup with its verification state, "Back up now" with its progress,
 * a fresh verification per backup, a download of each as an archive, and how to restore one
 * (restoring replaces the live data, so it stays a deliberate step on the server itself).
 */
import { listBackups } from '../api.js';
import { BackupNow } from '../backups/BackupNow.js';
import { BackupTable } from '../backups/BackupTable.js';
import { RemoteCopies } from '../backups/RemoteCopies.js';
import { ErrorNotice, Loading } from '../components/Notices.js';
import { usePageTitle } from '../page-title.js';
import { useResource } from '../use-resource.js';

function RestoreInstructions() {
  return (
    <section aria-labelledby="restore-heading" className="panel">
      <h2 id="restore-heading">Restoring a backup</h2>
      <p>
        Restoring replaces all current data with the backup’s, so it is done on the server, not from this page. The
        backup is verified first, and a safety backup of the current data is taken before anything is replaced.
      </p>
      <ol className="steps">
        <li>
          Stop the server (for example <code>systemctl stop byov</code>, or Ctrl+C where <code>npx byov serve</code>{' '}
          runs). A restore refuses to run while the server is using the data folder.
        </li>
        <li>
          See the backups and pick one: <code>npx byov list</code>
        </li>
        <li>
          Check it once more if you like: <code>npx byov verify &lt;name&gt;</code>
        </li>
        <li>
          Restore it: <code>npx byov restore &lt;name&gt;</code> and type <kbd>yes</kbd> when asked.
        </li>
        <li>Start the server again and check the enrollments here.</li>
      </ol>
      <p>
        A downloaded archive is restored the same way: unpack it into the <code>data/backups/</code> folder of the
        server (<code>tar -xzf &lt;name&gt;.tar.gz -C data/backups</code>), then run the steps above.
      </p>
    </section>
  );
}

export function BackupsPage() {
  usePageTitle('Backups');
  const backups = useResource(listBackups, 'backups');
  return (
    <>
      <h1 tabIndex={-1}>Backups</h1>
      <BackupNow onFinished={backups.reload} />
      <ErrorNotice error={backups.error} onRetry={backups.reload} />
      {backups.data ? (
        <BackupTable backups={backups.data.backups} onVerified={backups.reload} />
      ) : backups.loading ? (
        <Loading what="backups" />
      ) : null}
      <RemoteCopies />
      <RestoreInstructions />
    </>
  );
}
