import { AppError } from '../../errors.js';
import { type ResolvedSession, resolveSession } from './resolve-session.js';
import { type AuthDeps, presentSessionUser } from './session.js';

/**
 * The signed-in admin and the session's CSRF token, for the admin page to start from.
 * `renewed` is set when this request slid the expiry, so the cookie is to be sent again.
 */
export async function getCurrentSession(
  deps: AuthDeps,
  token: string | undefined,
): Promise<{
  body: { user: ReturnType<typeof presentSessionUser>; csrfToken: string };
  renewed: ResolvedSession | null;
}> {
  const session = token ? await resolveSession(deps, token) : null;
  if (!session) throw new AppError('UNAUTHORIZED', 'Not signed in.');
  return {
    body: { user: presentSessionUser(session.user), csrfToken: session.csrfToken },
    renewed: session.extended ? session : null,
  };
}
