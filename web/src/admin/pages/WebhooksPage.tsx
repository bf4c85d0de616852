/**
 * Webhooks (admins): the endpoints that receive the product's events, signed per Standard
 * Webhooks. Each shows its events, whether it is on, "Send test event", and its newest
 * deliveries with every attempt's answer.
 */
import { useState } from 'react';
import { ApiError } from '../api.js';
import { ErrorNotice, Loading, useAnnounce } from '../components/Notices.js';
import { formatDateTime } from '../format.js';
import { CreateWebhookForm } from '../integrations/CreateWebhookForm.js';
import {
  listWebhooks,
  removeWebhook,
  sendTestWebhook,
  updateWebhook,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '../integrations/integrations-api.js';
import { usePageTitle } from '../page-title.js';
import { useResource } from '../use-resource.js';

const STATE_LABELS = { waiting: 'Waiting', sent: 'Delivered', failed: 'Failed' } as const;

function Deliveries({ deliveries }: { deliveries: WebhookDelivery[] }) {
  if (deliveries.length === 0) return <p className="muted">No deliveries yet.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table cards">
        <caption className="visually-hidden">Newest deliveries</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">State</th>
            <th scope="col">Attempts</th>
            <th scope="col">Queued</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((delivery) => (
            <tr key={delivery.id}>
              <th scope="row">
                <code>{delivery.event}</code>
              </th>
              <td data-label="State">
                {STATE_LABELS[delivery.state]}
                {delivery.lastError ? <div className="muted preserve-lines">{delivery.lastError}</div> : null}
              </td>
              <td data-label="Attempts">
                {delivery.history.map((attempt) => (
                  <div key={attempt.at}>
                    {formatDateTime(attempt.at)}: {attempt.status ?? attempt.error ?? 'no answer'}
                  </div>
                ))}
              </td>
              <td data-label="Queued">{formatDateTime(delivery.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EndpointPanel({ endpoint, onChanged }: { endpoint: WebhookEndpoint; onChanged(): void }) {
  const announce = useAnnounce();
  const [error, setError] = useState<string | null>(null);
  const act = async (what: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await what();
      announce(done);
      onChanged();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'That did not work; try again.');
    }
  };
  return (
    <section className="panel" aria-label={`Endpoint ${endpoint.url}`}>
      <h2>
        <code>{endpoint.url}</code>
      </h2>
      {endpoint.description ? <p>{endpoint.description}</p> : null}
      <p>
        {endpoint.enabled ? 'On' : 'Off'} · events: {endpoint.events.join(', ')}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button secondary small"
          disabled={!endpoint.enabled}
          onClick={() => void act(() => sendTestWebhook(endpoint.id), 'Test event queued.')}
        >
          Send test event
        </button>
        <button
          type="button"
          className="button secondary small"
          onClick={() =>
            void act(
              () => updateWebhook(endpoint.id, { enabled: !endpoint.enabled }),
              endpoint.enabled ? 'Endpoint turned off.' : 'Endpoint turned on.',
            )
          }
        >
          {endpoint.enabled ? 'Turn off' : 'Turn on'}
        </button>
        <button
          type="button"
          className="button secondary small"
          onClick={() => void act(() => removeWebhook(endpoint.id), 'Endpoint removed.')}
        >
          Remove
        </button>
      </div>
      <p role="alert" className="field-error">
        {error}
      </p>
      <h3>Newest deliveries</h3>
      <Deliveries deliveries={endpoint.deliveries} />
    </section>
  );
}

export function WebhooksPage() {
  usePageTitle('Webhooks');
  const list = useResource(listWebhooks, 'webhooks');
  return (
    <>
      <h1 tabIndex={-1}>Webhooks</h1>
      <p>
        Endpoints receive the events they choose, signed with their secret. Failed deliveries are retried with growing
        delays; a refusal (4xx) is kept with the endpoint’s answer.
      </p>
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {list.data ? (
        <>
          {list.data.endpoints.length === 0 ? <p className="muted">No endpoints yet.</p> : null}
          {list.data.endpoints.map((endpoint) => (
            <EndpointPanel key={endpoint.id} endpoint={endpoint} onChanged={list.reload} />
          ))}
          <CreateWebhookForm events={list.data.events} onCreated={list.reload} />
        </>
      ) : list.loading ? (
        <Loading what="webhooks" />
      ) : null}
    </>
  );
}
