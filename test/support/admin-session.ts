/** The one way API tests get an admin session: an account set up through the API, and requests made as it. */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { createAdminUser } from '../../src/domain/admin/users/create-admin-user.js';
import { CLI_ACTOR } from '../../src/domain/auth/actor.js';
import type { TestApp } from './app-harness.js';

export const PASSWORD = 'correct horse battery staple';

/** A signed-in browser: its session cookie and CSRF token. */
export interface Session {
  cookie: string;
  csrfToken: string;
  user: { id: string; email: string; role: string; displayName: string };
}

/** `byov_session=<value>` from a response's Set-Cookie, ready for a Cookie header. */
export function sessionCookieOf(setCookie: string | string[] | undefined): string {
  const header = [setCookie ?? []].flat().find((c) => c.startsWith('byov_session='));
  if (!header) throw new Error('no session cookie was set');
  return header.split(';')[0] as string;
}

/** The token in a setup link. */
export function tokenOf(link: string): string {
  return new URL(link).searchParams.get('token') as string;
}

/** Creates an account the way an admin would and sets it up through the API, signed in; `now` is the app's clock. */
export async function createAccount(
  t: TestApp,
  email: string,
  role: 'admin' | 'reviewer',
  now = new Date(),
): Promise<Session> {
  const created = await createAdminUser(
    { db: t.runtime.db, publicUrl: t.config.publicUrl },
    { actor: CLI_ACTOR, ip: null, userAgent: null, now },
    { email, role },
  );
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/setup',
    payload: { token: tokenOf(created.setupLink), email, password: PASSWORD, displayName: email.split('@')[0] },
  });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json();
  return { cookie: sessionCookieOf(response.headers['set-cookie']), csrfToken: body.csrfToken, user: body.user };
}

export async function signIn(app: FastifyInstance, email: string, password = PASSWORD, remoteAddress?: string) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}

/** A request as this session, with its CSRF token unless told otherwise. */
export function as(app: FastifyInstance, session: Session, options: InjectOptions & { csrf?: boolean }) {
  const { csrf = true, headers, ...rest } = options;
  return app.inject({
    ...(rest as InjectOptions),
    headers: {
      ...headers,
      cookie: session.cookie,
      ...(csrf ? { 'x-csrf-token': session.csrfToken } : {}),
      'user-agent': 'admin-api-test/1.0',
    },
  });
}
