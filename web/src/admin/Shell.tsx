/**
 * The signed-in frame: a skip link, the header naming who is signed in and their role, the
 * navigation (admin-only pages hidden from reviewers), and the current page. When the page
 * changes, focus moves to its heading, so keyboard and screen-reader users start there
 * instead of at the top of the previous page's leftovers.
 */
import { type ReactNode, useEffect, useRef } from 'react';
import { AnnouncerProvider } from './components/Notices.js';
import { PageErrorBoundary } from './components/PageErrorBoundary.js';
import { ApiTokensPage } from './pages/ApiTokensPage.js';
import { BackupsPage } from './pages/BackupsPage.js';
import { EnrollmentDetailPage } from './pages/EnrollmentDetailPage.js';
import { EnrollmentsPage } from './pages/EnrollmentsPage.js';
import { NotificationsPage } from './pages/NotificationsPage.js';
import { OverviewPage } from './pages/OverviewPage.js';
import { SettingsPage } from './pages/SettingsPage.js';
import { UsersPage } from './pages/UsersPage.js';
import { WebhooksPage } from './pages/WebhooksPage.js';
import { Link, type Route, useAddress } from './router.js';
import { ROLE_LABELS, useIsAdmin, useSession } from './session.js';

const NAV: { to: string; label: string; section: Route['name'][]; adminOnly: boolean }[] = [
  { to: '/admin', label: 'Overview', section: ['overview'], adminOnly: false },
  { to: '/admin/enrollments', label: 'Enrollments', section: ['enrollments', 'enrollment'], adminOnly: false },
  { to: '/admin/notifications', label: 'Notifications', section: ['notifications'], adminOnly: true },
  { to: '/admin/backups', label: 'Backups', section: ['backups'], adminOnly: true },
  { to: '/admin/settings', label: 'Settings', section: ['settings'], adminOnly: true },
  { to: '/admin/users', label: 'Users', section: ['users'], adminOnly: true },
  { to: '/admin/tokens', label: 'API tokens', section: ['tokens'], adminOnly: true },
  { to: '/admin/webhooks', label: 'Webhooks', section: ['webhooks'], adminOnly: true },
];

function Navigation({ route }: { route: Route }) {
  const isAdmin = useIsAdmin();
  return (
    <nav aria-label="Control center" className="admin-nav">
      <ul>
        {NAV.filter((item) => isAdmin || !item.adminOnly).map((item) => (
          <li key={item.to}>
            <Link to={item.to} aria-current={item.section.includes(route.name) ? 'page' : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Header() {
  const { user, signOut } = useSession();
  return (
    <header className="admin-header">
      <p className="brand" aria-hidden="true">
        BYOV
      </p>
      <p className="admin-title">Admin control center</p>
      <div className="signed-in" data-testid="signed-in">
        <span>
          Signed in as <strong>{user.displayName}</strong> <span className="muted">({user.email})</span>
        </span>
        <span className={`badge role-${user.role}`}>{ROLE_LABELS[user.role]}</span>
        <button type="button" className="button secondary small" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}

function AdminOnly({ children }: { children: ReactNode }) {
  if (useIsAdmin()) return <>{children}</>;
  return (
    <>
      <h1 tabIndex={-1}>Not available</h1>
      <p className="notice error">This page needs the admin role. Ask an admin if you need access.</p>
    </>
  );
}

function CurrentPage({ route }: { route: Route }) {
  switch (route.name) {
    case 'overview':
      return <OverviewPage />;
    case 'enrollments':
      return <EnrollmentsPage />;
    case 'enrollment':
      return <EnrollmentDetailPage key={route.id} id={route.id} />;
    case 'notifications':
      return (
        <AdminOnly>
          <NotificationsPage />
        </AdminOnly>
      );
    case 'backups':
      return (
        <AdminOnly>
          <BackupsPage />
        </AdminOnly>
      );
    case 'settings':
      return (
        <AdminOnly>
          <SettingsPage />
        </AdminOnly>
      );
    case 'users':
      return (
        <AdminOnly>
          <UsersPage />
        </AdminOnly>
      );
    case 'tokens':
      return (
        <AdminOnly>
          <ApiTokensPage />
        </AdminOnly>
      );
    case 'webhooks':
      return (
        <AdminOnly>
          <WebhooksPage />
        </AdminOnly>
      );
    default:
      return (
        <>
          <h1 tabIndex={-1}>Page not found</h1>
          <p>
            There is no page at this address. <Link to="/admin">Go to the overview</Link>.
          </p>
        </>
      );
  }
}

/** Moves focus to the new page's heading after a page change (not on first load, not on filter changes). */
function useFocusHeadingOnPageChange(path: string) {
  const main = useRef<HTMLElement>(null);
  const previous = useRef(path);
  useEffect(() => {
    if (previous.current === path) return;
    previous.current = path;
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [path]);
  return main;
}

export function Shell({ route }: { route: Route }) {
  const { path } = useAddress();
  const main = useFocusHeadingOnPageChange(path);
  return (
    <AnnouncerProvider>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <div className="admin-layout">
        <Header />
        <Navigation route={route} />
        <main id="main" ref={main} tabIndex={-1}>
          <PageErrorBoundary key={path}>
            <CurrentPage route={route} />
          </PageErrorBoundary>
        </main>
      </div>
    </AnnouncerProvider>
  );
}
