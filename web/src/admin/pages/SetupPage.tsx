/**
 * First-run and invitation setup, opened from a one-time link (`/admin/setup?token=…`): the
 * person chooses their display name and a password of at least 12 characters, typed twice.
 * On success the server signs them in.
 */
import { type FormEvent, type Ref, useEffect, useRef, useState } from 'react';
import { ApiError, completeSetup, type SignedIn } from '../api.js';
import { usePageTitle } from '../page-title.js';
import { useAddress } from '../router.js';

const MIN_PASSWORD = 12;

type Field = 'email' | 'displayName' | 'password' | 'confirmation' | 'token';
type Errors = Partial<Record<Field, string>>;

interface Values {
  email: string;
  displayName: string;
  password: string;
  confirmation: string;
}

function checkValues(values: Values): Errors {
  const errors: Errors = {};
  if (!values.email.includes('@')) errors.email = 'Enter your email address.';
  if (values.displayName.trim() === '') errors.displayName = 'Enter the name others will see.';
  if (values.password.length < MIN_PASSWORD) errors.password = `Use at least ${MIN_PASSWORD} characters.`;
  else if (values.confirmation !== values.password) errors.confirmation = 'The two passwords are not the same.';
  return errors;
}

function SetupField(props: {
  id: Field;
  label: string;
  type: string;
  value: string;
  error?: string;
  hint?: string;
  autoComplete: string;
  onChange(value: string): void;
}) {
  const { id, label, error, hint } = props;
  const describedBy = [hint ? `setup-${id}-hint` : '', error ? `setup-${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={`setup-${id}`}>{label}</label>
      {hint ? (
        <p id={`setup-${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        id={`setup-${id}`}
        type={props.type}
        value={props.value}
        autoComplete={props.autoComplete}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {error ? (
        <p id={`setup-${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const FIELDS: { id: keyof Values; label: string; type: string; autoComplete: string; hint?: string }[] = [
  { id: 'email', label: 'Email', type: 'email', autoComplete: 'username' },
  { id: 'displayName', label: 'Display name', type: 'text', autoComplete: 'name' },
  {
    id: 'password',
    label: 'Password',
    type: 'password',
    autoComplete: 'new-password',
    hint: `At least ${MIN_PASSWORD} characters. A few unrelated words make a strong one.`,
  },
  { id: 'confirmation', label: 'Password again', type: 'password', autoComplete: 'new-password' },
];

/** The form's values and errors; problems (ours or the server's) move focus to the summary. */
function useSetupForm(token: string, onSignedIn: (result: SignedIn) => void) {
  const [values, setValues] = useState<Values>({ email: '', displayName: '', password: '', confirmation: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const set = (field: keyof Values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const fail = (found: Errors) => {
    setErrors(found);
    summary.current?.focus();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkValues(values);
    if (Object.keys(found).length > 0) return fail(found);
    setErrors({});
    setBusy(true);
    try {
      const { confirmation: _, ...input } = values;
      onSignedIn(await completeSetup({ token, ...input }));
    } catch (error) {
      const field = (error instanceof ApiError && (error.field as Field | undefined)) || 'token';
      fail({ [field]: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return { values, errors, busy, summary, set, submit };
}

function ErrorList({ messages, ref }: { messages: string[]; ref: Ref<HTMLDivElement> }) {
  return (
    <div ref={ref} tabIndex={-1} role="alert" className={messages.length ? 'error-summary' : 'error-summary empty'}>
      {messages.length ? (
        <ul>
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function SetupPage({ onSignedIn }: { onSignedIn(result: SignedIn): void }) {
  usePageTitle('Set up your account');
  const token = useAddress().query.get('token') ?? '';
  const form = useSetupForm(token, onSignedIn);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1 ref={heading} tabIndex={-1}>
          Set up your admin account
        </h1>
        {token === '' ? (
          <p className="notice error" role="alert">
            This page needs the one-time link you were given. Ask an admin for a new one.
          </p>
        ) : null}
        <ErrorList ref={form.summary} messages={Object.values(form.errors)} />
        <form onSubmit={(event) => void form.submit(event)} noValidate>
          {FIELDS.map((field) => (
            <SetupField
              key={field.id}
              {...field}
              value={form.values[field.id]}
              error={form.errors[field.id]}
              onChange={form.set(field.id)}
            />
          ))}
          <button type="submit" className="button primary" disabled={form.busy || token === ''}>
            {form.busy ? 'Setting up…' : 'Set up account and sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
