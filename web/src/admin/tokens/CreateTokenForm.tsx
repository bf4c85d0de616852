/** Creates a named API token and shows its secret once: the server keeps only a hash of it. */
import { type FormEvent, useState } from 'react';
import { MAX_TOKEN_DAYS, TOKEN_SCOPE_LABELS, TOKEN_SCOPES } from '../../../../src/shared/api-token-scopes.js';
import { ApiError, createApiToken, type TokenScope } from '../api.js';

interface Created {
  name: string;
  secret: string;
}

function useCreateToken(onCreated: () => void) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>(['read']);
  const [days, setDays] = useState('90');
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (scope: TokenScope, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const ordered = TOKEN_SCOPES.filter((scope) => scopes.includes(scope));
      const result = await createApiToken({ name: name.trim(), scopes: ordered, expiresInDays: Number(days) });
      setCreated({ name: result.token.name, secret: result.secret });
      setName('');
      onCreated();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, 'UNKNOWN', 'The token could not be created.'));
    } finally {
      setBusy(false);
    }
  };
  return { name, setName, scopes, toggle, days, setDays, error, created, busy, submit };
}

function CreatedTokenNotice({ created }: { created: Created }) {
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied('Copied.');
    } catch {
      setCopied('Copy failed: select the token and copy it.');
    }
  };
  return (
    <div className="notice created-user" role="status">
      <p>
        Token <strong>{created.name}</strong> created. Copy it now: it is not shown again. Send it as{' '}
        <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <div className="copy-link">
        <label>
          <span className="copy-link-label">Token</span>
          <input
            type="text"
            readOnly
            value={created.secret}
            data-testid="new-token-secret"
            onFocus={(event) => event.currentTarget.select()}
          />
        </label>
        <button type="button" className="button secondary small" onClick={() => void copy()}>
          Copy token
        </button>
        <span role="status" className="muted">
          {copied}
        </span>
      </div>
    </div>
  );
}

export function CreateTokenForm({ onCreated }: { onCreated(): void }) {
  const form = useCreateToken(onCreated);
  const invalid = (field: string) => (form.error?.field === field ? true : undefined);
  return (
    <section aria-labelledby="create-token-heading" className="panel">
      <h2 id="create-token-heading">Create a token</h2>
      <form onSubmit={(event) => void form.submit(event)} className="token-form" noValidate>
        <div className="field">
          <label htmlFor="new-token-name">Name</label>
          <input
            id="new-token-name"
            type="text"
            required
            maxLength={60}
            value={form.name}
            aria-invalid={invalid('name')}
            onChange={(event) => form.setName(event.target.value)}
          />
        </div>
        <fieldset className="field scopes" aria-invalid={invalid('scopes')}>
          <legend>Scopes</legend>
          {TOKEN_SCOPES.map((scope) => (
            <label key={scope} className="scope-option">
              <input
                type="checkbox"
                checked={form.scopes.includes(scope)}
                onChange={(event) => form.toggle(scope, event.target.checked)}
              />
              <span>
                <code>{scope}</code>: {TOKEN_SCOPE_LABELS[scope]}
              </span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="new-token-days">Expires in (days, 1–{MAX_TOKEN_DAYS})</label>
          <input
            id="new-token-days"
            type="number"
            min={1}
            max={MAX_TOKEN_DAYS}
            required
            value={form.days}
            aria-invalid={invalid('expiresInDays')}
            onChange={(event) => form.setDays(event.target.value)}
          />
        </div>
        <p role="alert" className="field-error">
          {form.error?.message}
        </p>
        <button type="submit" className="button primary" disabled={form.busy}>
          {form.busy ? 'Creating…' : 'Create token'}
        </button>
      </form>
      {form.created ? <CreatedTokenNotice created={form.created} /> : null}
    </section>
  );
}
