import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { completeSetup } from '../../domain/auth/complete-setup.js';
import { resolveSession } from '../../domain/auth/resolve-session.js';
import { presentSessionUser } from '../../domain/auth/session.js';
import { signIn } from '../../domain/auth/sign-in.js';
import { signOut } from '../../domain/auth/sign-out.js';
import { AppError, isAppError } from '../../errors.js';
import { assertCsrfToken } from '../admin-auth.js';
import type { AppDeps } from '../app.js';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../session-cookie.js';

/** Sign-in, sign-out, the current session, and first-time account setup from a one-time link. */
export function registerAuthRoutes(app: FastifyInstance, deps: AppDeps): void {
  const auth = { db: deps.db, now: deps.now, sessionTtlHours: deps.config.sessionTtlHours };
  const client = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
  const started = (request: FastifyRequest, reply: FastifyReply, result: Awaited<ReturnType<typeof signIn>>) => {
    setSessionCookie(request, reply, result.session, deps.config.publicUrl, deps.now());
    return { user: result.user, csrfToken: result.session.csrfToken };
  };

  // Each attempt costs a password hash, so attempts per address are capped before any of that.
  const signIns = { config: { rateLimit: { max: deps.config.rateLimit.signInsPerMinute, timeWindow: '1 minute' } } };

  app.post('/api/auth/login', signIns, async (request, reply) => {
    try {
      return started(request, reply, await signIn(auth, request.body, client(request)));
    } catch (error) {
      const retryAfter = isAppError(error) ? (error.details as { retryAfterSeconds?: number })?.retryAfterSeconds : 0;
      if (retryAfter) reply.header('retry-after', retryAfter);
      throw error;
    }
  });

  app.post('/api/auth/setup', signIns, async (request, reply) => {
    const result = await completeSetup(auth, request.body, client(request));
    return reply.status(201).send(started(request, reply, result));
  });

  app.get('/api/auth/session', async (request, reply) => {
    const token = readSessionCookie(request);
    const session = token ? await resolveSession(auth, token) : null;
    if (!token || !session) throw new AppError('UNAUTHORIZED', 'Not signed in.');
    if (session.extended) setSessionCookie(request, reply, { token, ...session }, deps.config.publicUrl, deps.now());
    return { user: presentSessionUser(session.user), csrfToken: session.csrfToken };
  });

  // Signing out changes state, so a live session needs its CSRF token here too: otherwise any
  // site could sign an admin out.
  app.post('/api/auth/logout', async (request, reply) => {
    const token = readSessionCookie(request);
    const session = token ? await resolveSession(auth, token) : null;
    if (token && session) {
      assertCsrfToken(request, session.csrfToken);
      await signOut(auth, token);
    }
    clearSessionCookie(request, reply, deps.config.publicUrl);
    return reply.status(204).send();
  });
}
