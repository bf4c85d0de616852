/**
 * A small client-side router for the control center: the address bar is the state. Paths under
 * /admin name the page and the query string holds its filters, so reload, back and forward
 * and shared links all land where the admin was. The server answers every /admin/... path with
 * admin.html (src/http/routes/web.ts).
 */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

export type Route =
  | { name: 'overview' }
  | { name: 'enrollments' }
  | { name: 'enrollment'; id: string }
  | { name: 'backups' }
  | { name: 'notifications' }
  | { name: 'settings' }
  | { name: 'users' }
  | { name: 'tokens' }
  | { name: 'webhooks' }
  | { name: 'setup' }
  | { name: 'not-found' };

const NAVIGATED = 'byov:navigated';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATED, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATED, listener);
  };
}

/** A string snapshot, so React sees a change only when the address really changed. */
function currentAddress(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/** The current path and query; the calling component re-renders when either changes. */
export function useAddress(): { path: string; query: URLSearchParams } {
  const address = useSyncExternalStore(subscribe, currentAddress);
  const url = new URL(address, window.location.origin);
  return { path: url.pathname, query: url.searchParams };
}

/** Goes to `to` (a path with an optional query); `replace` keeps it out of the back history. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentAddress()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
}

export function matchRoute(path: string): Route {
  const parts = path.replace(/\/+$/, '').split('/').filter(Boolean);
  if (parts[0] !== 'admin') return { name: 'not-found' };
  const [, section, id, ...rest] = parts;
  if (rest.length > 0) return { name: 'not-found' };
  if (section === undefined) return { name: 'overview' };
  if (section === 'enrollments' && id) return { name: 'enrollment', id: decodeURIComponent(id) };
  if (id !== undefined) return { name: 'not-found' };
  const pages: Record<string, Route> = {
    enrollments: { name: 'enrollments' },
    backups: { name: 'backups' },
    notifications: { name: 'notifications' },
    settings: { name: 'settings' },
    users: { name: 'users' },
    tokens: { name: 'tokens' },
    webhooks: { name: 'webhooks' },
    setup: { name: 'setup' },
  };
  return pages[section] ?? { name: 'not-found' };
}

export function enrollmentAddress(id: string): string {
  return `/admin/enrollments/${encodeURIComponent(id)}`;
}

/** True for clicks the browser should handle itself: new tab, new window, download. */
function isModifiedClick(event: MouseEvent): boolean {
  return event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
}

/** An ordinary link (open in new tab keeps working) that changes page without reloading. */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  return (
    <a
      {...rest}
      href={to}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || isModifiedClick(event)) return;
        event.preventDefault();
        navigate(to);
      }}
    />
  );
}
