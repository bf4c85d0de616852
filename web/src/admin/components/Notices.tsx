/** Messages: errors from the server, loading states, and the polite announcer for results. */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
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

/** How long the outcome of an action stays on screen. */
const FLASH_MS = 8000;

const AnnounceContext = createContext<(message: string) => void>(() => {});

/**
 * The outcome of the last action ("Enrollment approved."), shown in a bar and read out by
 * screen readers. It lives in the shell so it survives the page change an action may cause.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const timers = useRef<number[]>([]);
  const announce = useCallback((text: string) => {
    for (const timer of timers.current) window.clearTimeout(timer);
    // Cleared first, so a repeated message still changes the live region and is read again;
    // hidden after a while, so the bar does not cover the page for good.
    setMessage('');
    timers.current = [window.setTimeout(() => setMessage(text), 50), window.setTimeout(() => setMessage(''), FLASH_MS)];
  }, []);
  useEffect(
    () => () => {
      for (const timer of timers.current) window.clearTimeout(timer);
    },
    [],
  );
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
