import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { API_TOKEN_PREFIX } from '../domain/admin/tokens/create-api-token.js';
import { type Access, type ActionContext, type Actor, API_TOKEN_ACTOR, roleAllows } from '../domain/auth/actor.js';
import { recordApiTokenUse } from '../domain/auth/record-api-token-use.js';
import { resolveApiToken } from '../domain/auth/resolve-api-token.js';
import { resolveSession } from '../domain/auth/resolve-session.js';
import { secretsEqual } from '../domain/auth/secret-token.js';
import { AppError } from '../errors.js';
import { TOKEN_SCOPES, type TokenScope } from '../shared/api-token-scopes.js';
import type { Db } from '../storage/db.js';
import type { RouteDoc } from './api-docs.js';
import { readSessionCookie, setSessionCookie } from './session-cookie.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every `/api/admin` route: which account role may call it. */
    access?: Access;
    /**
     * Required on every `/api/admin` route: the scope a named API token needs to call it, or
     * null when no token may (sessions and ADMIN_TOKEN only).
     */
    scope?: TokenScope | null;
  }
  interface FastifyRequest {
    /** Who is calling an admin route; set by the access check before the handler runs. */
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every admin route with its access level and token scope, as registered (the security tests walk it). */
    adminRoutes: readonly AdminRoute[];
  }
}

export interface AdminRoute {
  method: string;
  url: string;
  access: Access;
  scope: TokenScope | null;
}

interface AccessDeps {
  config: Config;
  db: Db;
  now: () => Date;
}

const ADMIN_PREFIX = '/api/admin';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The route options of an admin route: the role an account needs, the scope a token needs, and
 * what the OpenAPI document says about it.
 */
export function guard(access: Access, scope: TokenScope | null, doc?: RouteDoc) {
  return { config: { access, scope, ...(doc ? { doc } : {}) } };
}

/**
 * Guards every route under /api/admin: a session cookie (with the session's CSRF token in
 * `x-csrf-token` on anything but GET/HEAD), a named API token with the route's scope, or
 * `Authorization: Bearer $ADMIN_TOKEN` for bootstrap scripts (acting as an admin). Bearer
 * requests need no CSRF token: a browser never sends that header on its own. Each admin route
 * must declare `config.access` and `config.scope` (see `guard`); registering one without fails
 * the start, so no route can slip through unguarded. Call before registering admin routes.
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
    const scope = route.config?.scope;
    if (scope === undefined || (scope !== null && !TOKEN_SCOPES.includes(scope))) {
      throw new Error(`Admin route ${route.url} must declare config.scope (${TOKEN_SCOPES.join(', ')} or null).`);
    }
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access, scope });
  });
  app.addHook('onRequest', async (request, reply) => {
    const { access, scope } = request.routeOptions.config;
    if (!access || scope === undefined) return;
    const actor = await authenticate(request, reply, deps);
    request.actor = actor;
    if (actor.token) assertScope(actor.token.scopes, scope);
    else if (!roleAllows(actor.role, access)) {
      throw new AppError('FORBIDDEN', 'This needs the admin role; reviewers cannot do it.');
    }
  });
  // After the answer is decided, so a refused scope is recorded too.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.actor?.token) {
      await recordApiTokenUse(deps, actionContext(request, deps.now), {
        method: request.method,
        route: request.routeOptions.url ?? request.url,
        status: reply.statusCode,
      });
    }
    return payload;
  });
}

function assertScope(granted: readonly TokenScope[], needed: TokenScope | null): void {
  if (needed === null) {
    throw new AppError('FORBIDDEN', 'API tokens cannot do this; sign in to the admin control center.');
  }
  if (!granted.includes(needed)) {
    throw new AppError('SCOPE_REQUIRED', `This API token lacks the "${needed}" scope that this needs.`);
  }
}

/**
 * The caller's admin identity for a public route that shows more to admins (`/health`):
 * ADMIN_TOKEN or a live session (any role), or null. Named API tokens get the public view: they
 * are audited per call, and this route is not an admin route. Never throws and never extends a
 * session.
 */
export async function identifyAdminCaller(request: FastifyRequest, deps: AccessDeps): Promise<Actor | null> {
  try {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) return checkAdminToken(authorization, deps.config.adminToken);
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
  if (authorization !== undefined) return checkBearer(authorization, deps);
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

/**
 * A named API token (it starts with `byov_`) or ADMIN_TOKEN. With no ADMIN_TOKEN configured,
 * any other bearer value is refused (403): bootstrap access is closed, never open.
 */
async function checkBearer(header: string, deps: AccessDeps): Promise<Actor> {
  const secret = bearerValue(header);
  const adminToken = deps.config.adminToken;
  if (secret?.startsWith(API_TOKEN_PREFIX) && !(adminToken && secretsEqual(secret, adminToken))) {
    return resolveApiToken(deps, secret);
  }
  return checkAdminToken(header, adminToken);
}

function checkAdminToken(header: string, adminToken: string | undefined): Actor {
  if (!adminToken) {
    throw new AppError('FORBIDDEN', 'API token access is not configured on this server (set ADMIN_TOKEN).');
  }
  const secret = bearerValue(header);
  if (!secret || !secretsEqual(secret, adminToken)) {
    throw new AppError('UNAUTHORIZED', 'The API token is wrong: send it as "Authorization: Bearer <token>".');
  }
  return API_TOKEN_ACTOR;
}

function bearerValue(header: string): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
}
