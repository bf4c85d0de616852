import type { FastifyInstance, InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { createAdminUser } from '../../src/domain/admin/users/create-admin-user.js';
import { CLI_ACTOR } from '../../src/domain/auth/actor.js';
import type { TestApp } from '../support/app-harness.js';
import { buildSubmissionForm, type SubmissionFiles, validEnrollmentData } from '../support/fixtures.js';

export const PASSWORD = 'correct horse battery staple';

/** A clock the test moves by hand; the app under test reads it as its `now`. */
export function fakeClock(start = new Date()) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

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

/** Submits an enrollment through the public API; returns its id and reference. */
export async function submit(t: TestApp, files: SubmissionFiles, overrides: Record<string, unknown>) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/enrollments',
    payload: buildSubmissionForm(validEnrollmentData(overrides), files),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; reference: string };
}

/** Every route as Fastify itself prints them (independent of what the app records). */
export function printedRoutes(app: FastifyInstance): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] as string).length / 4;
    stack.length = depth;
    stack.push(match[2] as string);
    for (const method of match[3]?.split(', ') ?? []) routes.push({ method, url: stack.join('') });
  }
  return routes;
}

export function daysFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);
}
