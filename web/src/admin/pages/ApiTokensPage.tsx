/**
 * API tokens (admins): named, scoped, expiring keys for scripts and other systems. The list shows
 * each token's scopes, state and last use; revoking takes effect on the token's next call.
 * Creating, listing and revoking tokens is never possible with a token.
 */
import { useState } from 'react';
import { ApiError, type ApiToken, listApiTokens, revokeApiToken } from '../api.js';
import { ErrorNotice, Loading, useAnnounce } from '../components/Notices.js';
import { formatDateTime } from '../format.js';
import { usePageTitle } from '../page-title.js';
import { CreateTokenForm } from '../tokens/CreateTokenForm.js';
import { useResource } from '../use-resource.js';

const STATE_LABELS: Record<ApiToken['state'], string> = { active: 'Active', expired: 'Expired', revoked: 'Revoked' };

function TokenRow({ token, onChanged }: { token: ApiToken; onChanged(): void }) {
  const announce = useAnnounce();
  const [error, setError] = useState<string | null>(null);
  const revoke = async () => {
    setError(null);
    try {
      await revokeApiToken(token.id);
      announce(`Token ${token.name} is revoked.`);
      onChanged();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'The token could not be revoked.');
    }
  };
  const ended = token.state === 'revoked' ? `Revoked ${formatDateTime(token.revokedAt)} by ${token.revokedBy}` : '';
  return (
    <tr>
      <th scope="row">
        {token.name} <code className="muted">{token.prefix}…</code>
      </th>
      <td data-label="Scopes">{token.scopes.join(', ')}</td>
      <td data-label="State">
        {STATE_LABELS[token.state]}
        {ended ? <div className="muted">{ended}</div> : null}
      </td>
      <td data-label="Expires">{formatDateTime(token.expiresAt)}</td>
      <td data-label="Last used">{formatDateTime(token.lastUsedAt) || <span className="muted">Never</span>}</td>
      <td data-label="Created">
        {formatDateTime(token.createdAt)} <span className="muted">by {token.createdBy}</span>
      </td>
      <td>
        {token.state === 'revoked' ? null : (
          <button type="button" className="button secondary small" onClick={() => void revoke()}>
            Revoke<span className="visually-hidden"> {token.name}</span>
          </button>
        )}
        <p role="alert" className="field-error">
          {error}
        </p>
      </td>
    </tr>
  );
}

export function ApiTokensPage() {
  usePageTitle('API tokens');
  const tokens = useResource(listApiTokens, 'tokens');
  return (
    <>
      <h1 tabIndex={-1}>API tokens</h1>
      <p>
        Tokens let scripts and other systems call the admin API with only the scopes they need. Every call is recorded
        under the token’s name.
      </p>
      <ErrorNotice error={tokens.error} onRetry={tokens.reload} />
      {tokens.data ? (
        tokens.data.tokens.length === 0 ? (
          <p className="muted">No tokens yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table cards" data-testid="tokens-table">
              <caption className="visually-hidden">API tokens</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">State</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Created</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.tokens.map((token) => (
                  <TokenRow key={token.id} token={token} onChanged={tokens.reload} />
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : tokens.loading ? (
        <Loading what="API tokens" />
      ) : null}
      <CreateTokenForm onCreated={tokens.reload} />
    </>
  );
}
