/** Adds an account and shows its one-time setup link, which is the only time it can be seen. */
import { type FormEvent, useState } from 'react';
import { ApiError, createAccount, type Role } from '../api.js';
import { CopyLink } from '../components/CopyLink.js';
import { formatDateTime } from '../format.js';

interface Created {
  email: string;
  link: string;
  expiresAt?: string;
}

function useAddUser(onAdded: () => void) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('reviewer');
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const name = displayName.trim();
      const result = await createAccount({ email: email.trim(), role, ...(name ? { displayName: name } : {}) });
      setCreated({ email: result.user.email, link: result.setupLink, expiresAt: result.setupLinkExpiresAt });
      setEmail('');
      setDisplayName('');
      onAdded();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, 'UNKNOWN', 'The account could not be created.'));
    } finally {
      setBusy(false);
    }
  };
  return { email, setEmail, displayName, setDisplayName, role, setRole, error, created, busy, submit };
}

function CreatedUserNotice({ created }: { created: Created }) {
  const until = created.expiresAt ? ` (it works once, until ${formatDateTime(created.expiresAt)})` : '';
  return (
    <div className="notice created-user" role="status">
      <p>
        Account created for <strong>{created.email}</strong>. Send them this one-time link{until}; it is not shown
        again.
      </p>
      <CopyLink link={created.link} label="Setup link" />
    </div>
  );
}

export function AddUserForm({ onAdded }: { onAdded(): void }) {
  const form = useAddUser(onAdded);
  return (
    <section aria-labelledby="add-user-heading" className="panel">
      <h2 id="add-user-heading">Add a user</h2>
      <form onSubmit={(event) => void form.submit(event)} className="add-user-form" noValidate>
        <div className="field">
          <label htmlFor="new-user-email">Email</label>
          <input
            id="new-user-email"
            type="email"
            required
            value={form.email}
            aria-invalid={form.error?.field === 'email' ? true : undefined}
            onChange={(event) => form.setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="new-user-name">
            Display name <span className="optional">(optional; they can set it)</span>
          </label>
          <input
            id="new-user-name"
            type="text"
            value={form.displayName}
            onChange={(event) => form.setDisplayName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="new-user-role">Role</label>
          <select id="new-user-role" value={form.role} onChange={(event) => form.setRole(event.target.value as Role)}>
            <option value="reviewer">Reviewer: reviews enrollments and ticks the checklist</option>
            <option value="admin">Admin: also deletes, manages backups, settings and users</option>
          </select>
        </div>
        <p role="alert" className="field-error">
          {form.error?.message}
        </p>
        <button type="submit" className="button primary" disabled={form.busy}>
          {form.busy ? 'Adding…' : 'Add user'}
        </button>
      </form>
      {form.created ? <CreatedUserNotice created={form.created} /> : null}
    </section>
  );
}
