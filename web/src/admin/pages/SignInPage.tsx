/**
 * Sign-in with email and password. Every failure is announced: wrong credentials (one message
 * for both, as the server sends it), and the lockout after repeated failures (429), which says
 * when to try again.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, type SignedIn, signIn } from '../api.js';
import { usePageTitle } from '../page-title.js';

function describeFailure(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Sign-in failed. Please try again.';
  if (error.status === 429) return `Sign-in is locked for now. ${error.message}`;
  return error.message;
}

/** The form's state; a failed attempt clears the password, as a retry needs it typed again. */
function useSignIn(onSignedIn: (result: SignedIn) => void) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ message: string; locked: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(email, password));
    } catch (failure) {
      setError({ message: describeFailure(failure), locked: failure instanceof ApiError && failure.status === 429 });
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return { email, setEmail, password, setPassword, error, busy, submit };
}

export function SignInPage({ notice, onSignedIn }: { notice?: string; onSignedIn(result: SignedIn): void }) {
  usePageTitle('Sign in');
  const { email, setEmail, password, setPassword, error, busy, submit } = useSignIn(onSignedIn);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand" aria-hidden="true">
          BYOV
        </p>
        <h1 ref={heading} tabIndex={-1}>
          Sign in to the admin control center
        </h1>
        {notice ? <p className="notice">{notice}</p> : null}
        <div role="alert" className={error ? 'error-summary' : 'error-summary empty'} data-testid="sign-in-error">
          {error ? <p className={error.locked ? 'locked' : undefined}>{error.message}</p> : null}
        </div>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <div className="field">
            <label htmlFor="sign-in-email">Email</label>
            <input
              id="sign-in-email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="sign-in-password">Password</label>
            <input
              id="sign-in-password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="hint">
          No account yet? An admin can add you under Users, or whoever runs the server can run{' '}
          <code>npx byov admin create you@example.com</code>.
        </p>
      </div>
    </main>
  );
}
