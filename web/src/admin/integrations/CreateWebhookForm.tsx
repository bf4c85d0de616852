/** Registers a webhook endpoint and shows its signing secret once. */
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api.js';
import { createWebhook } from './integrations-api.js';

export function CreateWebhookForm({ events, onCreated }: { events: string[]; onCreated(): void }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = (event: string, on: boolean) =>
    setChosen((current) => (on ? [...current, event] : current.filter((e) => e !== event)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSecret(null);
    try {
      const ordered = events.filter((e) => chosen.includes(e));
      const created = await createWebhook({ url: url.trim(), description, events: ordered, enabled: true });
      setSecret(created.secret);
      setUrl('');
      setDescription('');
      onCreated();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, 'UNKNOWN', 'The endpoint could not be added.'));
    } finally {
      setBusy(false);
    }
  };
  const invalid = (field: string) => (error?.field === field ? true : undefined);
  return (
    <section aria-labelledby="new-webhook-heading" className="panel">
      <h2 id="new-webhook-heading">Add an endpoint</h2>
      {secret ? (
        <div className="notice created-user" role="status">
          <p>
            Endpoint added. Copy its signing secret now: it is not shown again. Verify each delivery’s{' '}
            <code>webhook-signature</code> with it (Standard Webhooks).
          </p>
          <input type="text" readOnly value={secret} aria-label="Signing secret" data-testid="webhook-secret" />
        </div>
      ) : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor="webhook-url">URL</label>
          <input
            id="webhook-url"
            type="url"
            required
            value={url}
            aria-invalid={invalid('url')}
            onChange={(event) => setUrl(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="webhook-description">Description (optional)</label>
          <input
            id="webhook-description"
            type="text"
            maxLength={200}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        </div>
        <fieldset className="field scopes" aria-invalid={invalid('events')}>
          <legend>Events</legend>
          {events.map((name) => (
            <label key={name} className="scope-option">
              <input
                type="checkbox"
                checked={chosen.includes(name)}
                onChange={(event) => toggle(name, event.target.checked)}
              />
              <code>{name}</code>
            </label>
          ))}
        </fieldset>
        <p role="alert" className="field-error">
          {error?.message}
        </p>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Adding…' : 'Add endpoint'}
        </button>
      </form>
    </section>
  );
}
