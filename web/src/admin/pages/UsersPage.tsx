/**
 * Users (admins): who can sign in, with which role. Adding someone creates the account without
 * a password and shows a one-time setup link (valid an hour) to hand to them; roles change
 * and accounts are disabled here (accounts are never deleted: the history names them).
 */
import { useState } from 'react';
import { type Account, ApiError, listAccounts, type Role, updateAccount } from '../api.js';
import { ErrorNotice, Loading, useAnnounce } from '../components/Notices.js';
import { formatDateTime } from '../format.js';
import { usePageTitle } from '../page-title.js';
import { ROLE_LABELS, useSession } from '../session.js';
import { useResource } from '../use-resource.js';
import { AddUserForm } from '../users/AddUserForm.js';

function accountState(account: Account): string {
  if (account.disabled) return 'Disabled';
  if (!account.passwordSet) return 'Invited (setup link not used yet)';
  return 'Active';
}

/** Saves one change to an account; the server's refusal (the last admin, say) is kept to show. */
function useAccountChange(account: Account, onChanged: () => void) {
  const announce = useAnnounce();
  const [error, setError] = useState<string | null>(null);
  const change = async (update: { role?: Role; disabled?: boolean }, message: string) => {
    setError(null);
    try {
      await updateAccount(account.id, update);
      announce(message);
      onChanged();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'The change could not be saved.');
    }
  };
  return { error, change };
}

function AccountRow({ account, onChanged }: { account: Account; onChanged(): void }) {
  const { user } = useSession();
  const { error, change } = useAccountChange(account, onChanged);
  const isSelf = account.id === user.id;
  const toggleMessage = `${account.email} ${account.disabled ? 'can sign in again' : 'is disabled and signed out'}.`;

  return (
    <tr>
      <th scope="row">
        {account.displayName}
        {isSelf ? <span className="muted"> (you)</span> : null}
      </th>
      <td data-label="Email">{account.email}</td>
      <td data-label="Role">
        <label className="visually-hidden" htmlFor={`role-${account.id}`}>
          Role of {account.email}
        </label>
        <select
          id={`role-${account.id}`}
          value={account.role}
          onChange={(event) =>
            void change({ role: event.target.value as Role }, `${account.email} is now ${event.target.value}.`)
          }
        >
          <option value="admin">{ROLE_LABELS.admin}</option>
          <option value="reviewer">{ROLE_LABELS.reviewer}</option>
        </select>
      </td>
      <td data-label="State">{accountState(account)}</td>
      <td data-label="Last sign-in">{formatDateTime(account.lastSignInAt) || <span className="muted">Never</span>}</td>
      <td>
        {isSelf ? null : (
          <button
            type="button"
            className="button secondary small"
            onClick={() => void change({ disabled: !account.disabled }, toggleMessage)}
          >
            {account.disabled ? 'Enable' : 'Disable'}
            <span className="visually-hidden"> {account.email}</span>
          </button>
        )}
        <p role="alert" className="field-error">
          {error}
        </p>
      </td>
    </tr>
  );
}

export function UsersPage() {
  usePageTitle('Users');
  const accounts = useResource(listAccounts, 'users');
  return (
    <>
      <h1 tabIndex={-1}>Users</h1>
      <ErrorNotice error={accounts.error} onRetry={accounts.reload} />
      {accounts.data ? (
        <div className="table-scroll">
          <table className="data-table cards" data-testid="users-table">
            <caption className="visually-hidden">Accounts of the control center</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">State</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {accounts.data.users.map((account) => (
                <AccountRow key={account.id} account={account} onChanged={accounts.reload} />
              ))}
            </tbody>
          </table>
        </div>
      ) : accounts.loading ? (
        <Loading what="users" />
      ) : null}
      <AddUserForm onAdded={accounts.reload} />
    </>
  );
}
