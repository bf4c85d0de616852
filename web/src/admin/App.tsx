/**
 * The control center's root: finds out whether a session exists, then shows the first-run
 * setup page, the sign-in page or the signed-in shell. A 401 from any request (the session
 * expired or was ended elsewhere) returns to sign-in, keeping the address to come back to.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, getSession, onSessionEnded, type SessionUser, type SignedIn, setCsrfToken, signOut } from './api.js';
import { SetupPage } from './pages/SetupPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { matchRoute, navigate, useAddress } from './router.js';
import { Shell } from './Shell.js';
import { SessionProvider } from './session.js';

type AuthState =
  | { phase: 'checking' }
  | { phase: 'unavailable'; message: string }
  | { phase: 'signed-out'; notice?: string }
  | { phase: 'signed-in'; user: SessionUser };

function useAuth() {
  const [auth, setAuth] = useState<AuthState>({ phase: 'checking' });

  const check = useCallback(async () => {
    setAuth({ phase: 'checking' });
    try {
      const session = await getSession();
      setCsrfToken(session.csrfToken);
      setAuth({ phase: 'signed-in', user: session.user });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setAuth({ phase: 'signed-out' });
      else setAuth({ phase: 'unavailable', message: (error as Error).message });
    }
  }, []);

  useEffect(() => {
    void check();
    return onSessionEnded(() => {
      setCsrfToken(null);
      setAuth({ phase: 'signed-out', notice: 'Your session has ended. Sign in again to continue.' });
    });
  }, [check]);

  const signedIn = useCallback((result: SignedIn) => {
    setCsrfToken(result.csrfToken);
    setAuth({ phase: 'signed-in', user: result.user });
  }, []);

  const end = useCallback(async () => {
    try {
      await signOut();
    } finally {
      setCsrfToken(null);
      setAuth({ phase: 'signed-out', notice: 'You have signed out.' });
      navigate('/admin');
    }
  }, []);

  return { auth, check, signedIn, signOut: end };
}

export function AdminApp() {
  const { auth, check, signedIn, signOut: end } = useAuth();
  const { path } = useAddress();
  const route = matchRoute(path);

  if (route.name === 'setup') {
    return (
      <SetupPage
        onSignedIn={(result) => {
          signedIn(result);
          // The token is spent: keep it out of the history and the address bar.
          navigate('/admin', { replace: true });
        }}
      />
    );
  }
  if (auth.phase === 'checking') return <p role="status">Checking your session…</p>;
  if (auth.phase === 'unavailable') {
    return (
      <div className="notice error standalone" role="alert">
        <p>{auth.message}</p>
        <button type="button" className="button primary" onClick={() => void check()}>
          Try again
        </button>
      </div>
    );
  }
  if (auth.phase === 'signed-out') return <SignInPage notice={auth.notice} onSignedIn={signedIn} />;
  return (
    <SessionProvider value={{ user: auth.user, signOut: end }}>
      <Shell route={route} />
    </SessionProvider>
  );
}
