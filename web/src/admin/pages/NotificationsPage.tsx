/**
 * Notifications: every e-mail in the outbox, newest first, with its state, attempts and the
 * last error; admins can resend a sent or failed one (it keeps its Message-ID).
 */
import { useState } from 'react';
import { ApiError, listNotifications, type OutboxMessage, resendNotification } from '../api.js';
import { ErrorNotice, Loading } from '../components/Notices.js';
import { usePageTitle } from '../page-title.js';
import { useIsAdmin } from '../session.js';
import { useResource } from '../use-resource.js';

function ResendButton({ message, onDone }: { message: OutboxMessage; onDone: () => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  if (message.state === 'waiting') return null;
  const resend = async () => {
    try {
      await resendNotification(message.id);
      onDone();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : 'Could not resend.');
    }
  };
  return (
    <>
      <button type="button" className="button secondary small" onClick={() => void resend()}>
        Resend
      </button>
      {problem ? <span role="alert">{problem}</span> : null}
    </>
  );
}

export function NotificationsPage() {
  usePageTitle('Notifications');
  const isAdmin = useIsAdmin();
  const [state, setState] = useState('');
  const outbox = useResource(() => listNotifications(state), `notifications-${state}`);
  return (
    <>
      <h1 tabIndex={-1}>Notifications</h1>
      {outbox.data?.status.warning ? (
        <p className="notice warning" data-testid="mail-warning">
          <strong>Warning:</strong> {outbox.data.status.warning}
        </p>
      ) : null}
      <label>
        Show{' '}
        <select value={state} onChange={(event) => setState(event.target.value)}>
          <option value="">all messages</option>
          <option value="waiting">waiting</option>
          <option value="sent">sent</option>
          <option value="failed">failed</option>
        </select>
      </label>
      <ErrorNotice error={outbox.error} onRetry={outbox.reload} />
      {outbox.data ? (
        <table className="data-table cards" data-testid="notifications">
          <thead>
            <tr>
              <th scope="col">Queued</th>
              <th scope="col">Message</th>
              <th scope="col">To</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last error</th>
              {isAdmin ? <th scope="col">Action</th> : null}
            </tr>
          </thead>
          <tbody>
            {outbox.data.messages.map((message) => (
              <tr key={message.id} data-state={message.state}>
                <td data-label="Queued">{message.createdAt.replace('T', ' ').slice(0, 16)}</td>
                <td data-label="Message">
                  {message.kind.replace(/^email\./, '').replace(/_/g, ' ')}
                  {message.reference ? ` (${message.reference})` : ''}
                </td>
                <td data-label="To">{message.recipients.join(', ')}</td>
                <td data-label="State">{message.state}</td>
                <td data-label="Attempts">{message.attempts}</td>
                <td data-label="Last error">{message.lastError ?? ''}</td>
                {isAdmin ? (
                  <td>
                    <ResendButton message={message} onDone={outbox.reload} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : outbox.loading ? (
        <Loading what="notifications" />
      ) : null}
    </>
  );
}
