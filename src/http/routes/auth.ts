import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { completeSetup, SetupSchema } from '../../domain/auth/complete-setup.js';
import { getCurrentSession } from '../../domain/auth/get-current-session.js';
import { SignInSchema, signIn } from '../../domain/auth/sign-in.js';
import { signOut } from '../../domain/auth/sign-out.js';
import { isAppError } from '../../errors.js';
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

  app.post(
    '/api/auth/login',
    { config: { ...signIns.config, doc: { body: SignInSchema } } },
    async (request, reply) => {
      try {
        return started(request, reply, await signIn(auth, request.body, client(request)));
      } catch (error) {
        const retryAfter = isAppError(error) ? (error.details as { retryAfterSeconds?: number })?.retryAfterSeconds : 0;
        if (retryAfter) reply.header('retry-after', retryAfter);
        throw error;
      }
    },
  );

  app.post('/api/auth/setup', { config: { ...signIns.config, doc: { body: SetupSchema } } }, async (request, reply) => {
    const result = await completeSetup(auth, request.body, client(request));
    return reply.status(201).send(started(request, reply, result));
  });

  app.get('/api/auth/session', async (request, reply) => {
    const token = readSessionCookie(request);
    const current = await getCurrentSession(auth, token);
    if (token && current.renewed) {
      setSessionCookie(request, reply, { token, ...current.renewed }, deps.config.publicUrl, deps.now());
    }
    return current.body;
  });

  app.post('/api/auth/logout', async (request, reply) => {
    await signOut(auth, readSessionCookie(request), request.headers['x-csrf-token']);
    clearSessionCookie(request, reply, deps.config.publicUrl);
    return reply.status(204).send();
  });
}
