/**
 * E-mail settings: the program inbox that gets submission notices, the days before an expiry
 * that technicians are reminded, and a test e-mail that shows the server's answer or refusal.
 */
import { type FormEvent, useEffect, useState } from 'react';
import {
  ApiError,
  getNotificationSettings,
  type NotificationSettings,
  saveNotificationSettings,
  sendTestEmail,
} from '../api.js';
import { ErrorNotice, Loading } from '../components/Notices.js';
import { useResource } from '../use-resource.js';

const list = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((item) => item.trim())
    .filter(Boolean);

function SettingsForm({ initial }: { initial: NotificationSettings }) {
  const [inbox, setInbox] = useState(initial.inbox.join('\n'));
  const [offsets, setOffsets] = useState(initial.reminderOffsets.join(', '));
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    setInbox(initial.inbox.join('\n'));
    setOffsets(initial.reminderOffsets.join(', '));
  }, [initial]);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const saved = await saveNotificationSettings({ inbox: list(inbox), reminderOffsets: list(offsets).map(Number) });
      setOffsets(saved.reminderOffsets.join(', '));
      setStatus('E-mail settings saved.');
    } catch (error) {
      setStatus(error instanceof ApiError ? error.message : 'Could not save the e-mail settings.');
    }
  };
  return (
    <form onSubmit={(event) => void save(event)}>
      <div className="field">
        <label htmlFor="mail-inbox">Program inbox (one address per line): gets every submission notice</label>
        <textarea id="mail-inbox" rows={3} value={inbox} onChange={(event) => setInbox(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="mail-offsets">Remind technicians this many days before a document expires</label>
        <input id="mail-offsets" value={offsets} onChange={(event) => setOffsets(event.target.value)} />
      </div>
      <button type="submit" className="button primary">
        Save e-mail settings
      </button>
      <p role="status" data-testid="email-settings-status">
        {status}
      </p>
    </form>
  );
}

function TestEmail() {
  const [to, setTo] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const answer = await sendTestEmail(to);
      setResult(`Sent to ${answer.to}. The server answered: ${answer.serverResponse}`);
    } catch (error) {
      setResult(error instanceof ApiError ? error.message : 'The test e-mail could not be sent.');
    }
  };
  return (
    <form onSubmit={(event) => void send(event)}>
      <div className="field">
        <label htmlFor="mail-test-to">Send a test e-mail to</label>
        <input id="mail-test-to" type="email" value={to} onChange={(event) => setTo(event.target.value)} />
      </div>
      <button type="submit" className="button secondary">
        Send test e-mail
      </button>
      <p role="status" data-testid="test-email-result">
        {result}
      </p>
    </form>
  );
}

export function EmailSettings() {
  const settings = useResource(getNotificationSettings, 'notification-settings');
  return (
    <section aria-labelledby="email-settings-heading" className="panel">
      <h2 id="email-settings-heading">E-mail</h2>
      <ErrorNotice error={settings.error} onRetry={settings.reload} />
      {settings.data ? (
        <SettingsForm initial={settings.data} />
      ) : settings.loading ? (
        <Loading what="e-mail settings" />
      ) : null}
      <TestEmail />
    </section>
  );
}
