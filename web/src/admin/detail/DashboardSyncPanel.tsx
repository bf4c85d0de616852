/**
 * The enrollment's sync to the company dashboard: waiting (with the next try), synced, or
 * failed with the dashboard's own answer, and "Retry" to queue it again at once.
 */
import { useState } from 'react';
import { ApiError, type DashboardSyncState } from '../api.js';
import { formatDateTime } from '../format.js';
import { retryDashboardSync } from '../integrations/integrations-api.js';

interface Props {
  enrollmentId: string;
  approved: boolean;
  state: DashboardSyncState;
  /** The sync was queued again (the history has a new event). */
  onRetried(): void;
}

const STATE_LABELS = { waiting: 'Waiting to sync', sent: 'Synced', failed: 'Sync failed' } as const;

export function DashboardSyncPanel({ enrollmentId, approved, state, onRetried }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!state.configured) return null;
  const { sync } = state;
  const retry = async () => {
    setBusy(true);
    setError(null);
    try {
      await retryDashboardSync(enrollmentId);
      onRetried();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'The sync could not be queued.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="dashboard-sync-heading" className="panel">
      <h2 id="dashboard-sync-heading">Dashboard sync</h2>
      {sync ? (
        <dl className="answers" data-testid="dashboard-sync">
          <dt>State</dt>
          <dd data-state={sync.state}>{STATE_LABELS[sync.state]}</dd>
          <dt>External id</dt>
          <dd>{sync.externalId}</dd>
          <dt>Attempts</dt>
          <dd>
            {sync.attempts} · record {sync.recordSent ? 'sent' : 'not yet sent'} · {sync.photosSent} photo
            {sync.photosSent === 1 ? '' : 's'} accepted
          </dd>
          {sync.syncedAt ? (
            <>
              <dt>Synced</dt>
              <dd>{formatDateTime(sync.syncedAt)}</dd>
            </>
          ) : null}
          {sync.nextAttemptAt ? (
            <>
              <dt>Next try</dt>
              <dd>{formatDateTime(sync.nextAttemptAt)}</dd>
            </>
          ) : null}
          {sync.lastError ? (
            <>
              <dt>Last answer</dt>
              <dd>
                <code className="preserve-lines">{sync.lastError}</code>
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="muted">Not synced yet{approved ? '' : ': it is synced when approved'}.</p>
      )}
      {approved ? (
        <button type="button" onClick={() => void retry()} disabled={busy}>
          {busy ? 'Queuing…' : sync ? 'Retry sync' : 'Sync now'}
        </button>
      ) : null}
      <p role="alert" className="field-error">
        {error}
      </p>
    </section>
  );
}
