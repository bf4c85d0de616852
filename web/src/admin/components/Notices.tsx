/** Messages: errors from the server, loading states, and the polite announcer for results. */
import { createContext, type ReactNode, useCallback, useContext, useState } from 'react';
import type { ApiError } from '../api.js';

/** A failed request, said plainly; `role="alert"` so it is announced when it appears. */
export function ErrorNotice({ error, onRetry }: { error: ApiError | undefined | null; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div className="notice error" role="alert">
      <p>{error.message}</p>
      {onRetry ? (
        <button type="button" className="button secondary small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

const AnnounceContext = createContext<(message: string) => void>(() => {});

/**
 * The outcome of the last action ("Enrollment approved."), shown in a bar and read out by
 * screen readers. It lives in the shell so it survives the page change an action may cause.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  // A repeated message is cleared first, so the live region changes and is read again.
  const announce = useCallback((text: string) => {
    setMessage('');
    window.setTimeout(() => setMessage(text), 50);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <p className={message ? 'flash' : 'flash empty'} role="status" data-testid="announcement">
        {message}
      </p>
    </AnnounceContext.Provider>
  );
}

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}
