import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { type Access, type ActionContext, type Actor, API_TOKEN_ACTOR, roleAllows } from '../domain/auth/actor.js';
import { resolveSession } from '../domain/auth/resolve-session.js';
import { secretsEqual } from '../domain/auth/secret-token.js';
import { AppError } from '../errors.js';
import type { Db } from '../storage/db.js';
import { readSessionCookie, setSessionCookie } from './session-cookie.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every `/api/admin` route: who may call it. */
    access?: Access;
  }
  interface FastifyRequest {
    /** Who is calling an admin route; set by the access check before the handler runs. */
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every admin route with its access level, as registered (the security tests walk it). */
    adminRoutes: readonly AdminRoute[];
  }
}

export interface AdminRoute {
  method: string;
  url: string;
  access: Access;
}

interface AccessDeps {
  config: Config;
  db: Db;
  now: () => Date;
}

const ADMIN_PREFIX = '/api/admin';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Guards every route under /api/admin: a session cookie (with the session's CSRF token in
 * `x-csrf-token` on anything but GET/HEAD), or `Authorization: Bearer $ADMIN_TOKEN` for
 * scripts (acting as an admin, no CSRF: a browser never sends it on its own). Each admin route
 * must declare `config.access`; registering one without fails the start, so no route can
 * slip through unguarded. Call before registering admin routes.
 */
export function installAdminAccess(app: FastifyInstance, deps: AccessDeps): void {
  const routes: AdminRoute[] = [];
  app.decorate('adminRoutes', routes);
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(ADMIN_PREFIX)) return;
    const access = route.config?.access;
    if (access !== 'reviewer' && access !== 'admin') {
      throw new Error(`Admin route ${route.url} must declare config.access ('reviewer' or 'admin').`);
    }
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access });
  });
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    const actor = await authenticate(request, reply, deps);
    if (!roleAllows(actor.role, access)) {
      throw new AppError('FORBIDDEN', 'This needs the admin role; reviewers cannot do it.');
    }
    request.actor = actor;
  });
}

/**
 * The caller's admin identity for a public route that shows more to admins (`/health`): the
 * bearer token or a live session (any role), or null. Never throws and never extends a session.
 */
export async function identifyAdminCaller(request: FastifyRequest, deps: AccessDeps): Promise<Actor | null> {
  try {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) return checkBearer(authorization, deps.config.adminToken);
    const token = readSessionCookie(request);
    if (!token) return null;
    const session = await resolveSession(
      { db: deps.db, now: deps.now, sessionTtlHours: deps.config.sessionTtlHours },
      token,
    );
    return session ? { userId: session.user.id, label: session.user.email, role: session.user.role } : null;
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

/** Who did it, from where and when: what every admin action records. */
export function actionContext(request: FastifyRequest, now: () => Date): ActionContext {
  if (!request.actor) throw new AppError('INTERNAL', 'An admin route ran without its access check.');
  return { actor: request.actor, ip: request.ip, userAgent: request.headers['user-agent'] ?? null, now: now() };
}

async function authenticate(request: FastifyRequest, reply: FastifyReply, deps: AccessDeps): Promise<Actor> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) return checkBearer(authorization, deps.config.adminToken);
  const token = readSessionCookie(request);
  if (!token) throw new AppError('UNAUTHORIZED', 'Sign in to the admin control center.');
  const session = await resolveSession(
    { db: deps.db, now: deps.now, sessionTtlHours: deps.config.sessionTtlHours },
    token,
  );
  if (!session) throw new AppError('UNAUTHORIZED', 'Your session has ended; sign in again.');
  if (!SAFE_METHODS.has(request.method)) assertCsrfToken(request, session.csrfToken);
  if (session.extended) {
    setSessionCookie(request, reply, { token, expiresAt: session.expiresAt }, deps.config.publicUrl, deps.now());
  }
  return { userId: session.user.id, label: session.user.email, role: session.user.role };
}

/**
 * A state-changing request made with a session cookie must echo the session's CSRF token in
 * `x-csrf-token`: another site can make a browser send the cookie, but cannot read the token.
 */
function assertCsrfToken(request: FastifyRequest, csrfToken: string): void {
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !secretsEqual(sent, csrfToken)) {
    throw new AppError('FORBIDDEN', 'Missing or invalid CSRF token');
  }
}

/** With no ADMIN_TOKEN configured, bearer access is closed (403), never open. */
function checkBearer(header: string, adminToken: string | undefined): Actor {
  if (!adminToken) {
    throw new AppError('FORBIDDEN', 'API token access is not configured on this server (set ADMIN_TOKEN).');
  }
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match?.[1] || !secretsEqual(match[1].trim(), adminToken)) {
    throw new AppError('UNAUTHORIZED', 'The API token is wrong: send it as "Authorization: Bearer <ADMIN_TOKEN>".');
  }
  return API_TOKEN_ACTOR;
}
