import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerFirstAdminSetup } from '../../src/domain/auth/offer-first-admin-setup.js';
import {
  as,
  createAccount,
  PASSWORD,
  type Session,
  sessionCookieOf,
  signIn,
  tokenOf,
} from '../support/admin-session.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { HOUR, MINUTE, manualClock } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';

describeEachEngine('admin accounts and sessions', (engine) => {
  let t: TestApp;
  const clock = manualClock();

  beforeAll(async () => {
    t = await startTestApp(engine, { SESSION_TTL_HOURS: '1' }, clock.now);
  });
  afterAll(() => t.close());

  const setup = (body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/auth/setup', payload: body });
  const offer = () => offerFirstAdminSetup({ db: t.runtime.db, now: clock.now, publicUrl: t.config.publicUrl });

  describe('first admin, from the one-time setup link', () => {
    it('has no built-in account: only the setup link creates the first admin', async () => {
      expect((await signIn(t.app, 'admin@example.com', 'admin123')).statusCode).toBe(401);
      const first = await offer();
      expect(first?.link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/admin\/setup\?token=[\w-]{43}$/);
      const token = tokenOf(first?.link as string);

      const short = await setup({ token, email: 'first@example.com', password: 'too short', displayName: 'First' });
      expect(short.statusCode).toBe(400);
      expect(short.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'password' });

      const created = await setup({ token, email: 'First@Example.com', password: PASSWORD, displayName: 'First' });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().user).toMatchObject({ email: 'first@example.com', role: 'admin', displayName: 'First' });
      const cookie = created.headers['set-cookie'] as string;
      expect(cookie).toMatch(/^byov_session=[\w%-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=3600$/);

      const reused = await setup({ token, email: 'second@example.com', password: PASSWORD, displayName: 'X' });
      expect(reused.statusCode).toBe(400);
      expect(reused.json().error.field).toBe('token');
      expect(await offer()).toBeNull();
    });

    it('refuses an expired or unknown link with field "token"', async () => {
      const account = await createAccount(t, 'late@example.com', 'reviewer', clock.now());
      expect(account.user.role).toBe('reviewer');
      const link = (
        await as(t.app, await signInAs('first@example.com'), {
          method: 'POST',
          url: '/api/admin/users',
          payload: { email: 'slow@example.com', role: 'reviewer', displayName: 'Slow' },
        })
      ).json().setupLink as string;
      clock.advance(61 * MINUTE);
      for (const token of [tokenOf(link), 'not-a-token']) {
        const response = await setup({ token, email: 'slow@example.com', password: PASSWORD, displayName: 'Slow' });
        expect(response.statusCode).toBe(400);
        expect(response.json().error.field).toBe('token');
      }
    });
  });

  async function signInAs(email: string): Promise<Session> {
    const response = await signIn(t.app, email);
    expect(response.statusCode, response.body).toBe(200);
    return { cookie: sessionCookieOf(response.headers['set-cookie']), ...response.json() };
  }

  describe('signing in and out', () => {
    it('answers wrong passwords and unknown emails alike', async () => {
      const wrong = await signIn(t.app, 'first@example.com', 'wrong password!!');
      const unknown = await signIn(t.app, 'nobody@example.com', 'wrong password!!');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json()).toEqual(wrong.json());
    });

    it('returns the account and CSRF token, and the session dies at logout', async () => {
      const session = await signInAs('first@example.com');
      expect(session.user).toMatchObject({ email: 'first@example.com', role: 'admin' });
      const current = await as(t.app, session, { url: '/api/auth/session' });
      expect(current.json()).toEqual({ user: session.user, csrfToken: session.csrfToken });

      expect((await as(t.app, session, { method: 'POST', url: '/api/auth/logout', csrf: false })).statusCode).toBe(403);
      const out = await as(t.app, session, { method: 'POST', url: '/api/auth/logout' });
      expect(out.statusCode).toBe(204);
      expect(out.headers['set-cookie']).toContain('Max-Age=0');
      expect((await as(t.app, session, { url: '/api/auth/session' })).statusCode).toBe(401);
      expect((await as(t.app, session, { url: '/api/admin/overview' })).statusCode).toBe(401);
    });

    it('expires a session after SESSION_TTL_HOURS idle, sliding with use', async () => {
      const session = await signInAs('first@example.com');
      for (let i = 0; i < 3; i++) {
        clock.advance(50 * MINUTE);
        const response = await as(t.app, session, { url: '/api/admin/overview' });
        expect(response.statusCode, `use ${i + 1}`).toBe(200);
        expect(response.headers['set-cookie']).toContain('Max-Age=3600');
      }
      clock.advance(HOUR + MINUTE);
      expect((await as(t.app, session, { url: '/api/admin/overview' })).statusCode).toBe(401);
    });

    it('sets Secure on the cookie when the site is reached over HTTPS', async () => {
      const secure = await startTestApp(engine, { PUBLIC_URL: 'https://byov.example.com/' });
      try {
        const first = await offerFirstAdminSetup({
          db: secure.runtime.db,
          now: () => new Date(),
          publicUrl: secure.config.publicUrl,
        });
        expect(first?.link.startsWith('https://byov.example.com/admin/setup?token=')).toBe(true);
        const response = await secure.app.inject({
          method: 'POST',
          url: '/api/auth/setup',
          payload: { token: tokenOf(first?.link as string), email: 'a@b.co', password: PASSWORD, displayName: 'A' },
        });
        expect(response.headers['set-cookie']).toMatch(/; Secure$/);
      } finally {
        await secure.close();
      }
    });
  });

  describe('guessing passwords', () => {
    it('slows repeated failures for one email, then locks it even for the right password', async () => {
      await createAccount(t, 'target@example.com', 'reviewer', clock.now());
      // A different address each time, as a guesser with many machines: only the email count applies.
      let address = 0;
      const attempt = (password: string) => signIn(t.app, 'target@example.com', password, `198.51.100.${++address}`);
      for (let failure = 1; failure <= 9; failure++) {
        expect((await attempt(`guess number ${failure}`)).statusCode, `failure ${failure}`).toBe(401);
        if (failure >= 3) {
          const early = await attempt(PASSWORD);
          expect(early.statusCode, `right after failure ${failure}`).toBe(429);
          expect(early.json().error.code).toBe('RATE_LIMITED');
          const wait = Number(early.headers['retry-after']);
          expect(wait).toBe(2 ** (failure - 3));
          expect(early.json().error.message).toContain(`${wait} second`);
          clock.advance(wait * 1000);
        }
      }
      expect((await attempt('guess number 10')).statusCode).toBe(401);
      clock.advance(10 * MINUTE);
      const locked = await attempt(PASSWORD);
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.message).toMatch(/5 minutes/);
      clock.advance(5 * MINUTE);
      expect((await attempt(PASSWORD)).statusCode).toBe(200);
    });

    it('slows one address trying many emails', async () => {
      const fromOneAddress = (email: string, password = 'guess guess guess') =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email, password },
          remoteAddress: '203.0.113.9',
        });
      for (let i = 1; i <= 10; i++) expect((await fromOneAddress(`user${i}@example.com`)).statusCode).toBe(401);
      const blocked = await fromOneAddress('first@example.com', PASSWORD);
      expect(blocked.statusCode).toBe(429);
      expect((await signIn(t.app, 'first@example.com')).statusCode).toBe(200);
    });
  });

  describe('accounts', () => {
    it('ends the sessions of a disabled account and keeps one admin able to sign in', async () => {
      const boss = await signInAs('first@example.com');
      const victim = await createAccount(t, 'leaver@example.com', 'reviewer', clock.now());
      const disable = await as(t.app, boss, {
        method: 'PATCH',
        url: `/api/admin/users/${victim.user.id}`,
        payload: { disabled: true },
      });
      expect(disable.json().user).toMatchObject({ disabled: true, passwordSet: true });
      expect((await as(t.app, victim, { url: '/api/admin/overview' })).statusCode).toBe(401);
      expect((await signIn(t.app, 'leaver@example.com')).statusCode).toBe(401);

      const demoteSelf = await as(t.app, boss, {
        method: 'PATCH',
        url: `/api/admin/users/${boss.user.id}`,
        payload: { role: 'reviewer' },
      });
      expect(demoteSelf.statusCode).toBe(409);
      expect(demoteSelf.json().error.code).toBe('INVALID_TRANSITION');

      const users = (await as(t.app, boss, { url: '/api/admin/users' })).json().users;
      expect(users.map((u: { email: string }) => u.email)).toContain('leaver@example.com');
      expect(JSON.stringify(users)).not.toMatch(/scrypt|password_hash/);
    });

    it('creates accounts with a setup link and refuses duplicates', async () => {
      const boss = await signInAs('first@example.com');
      const create = (email: string) =>
        as(t.app, boss, {
          method: 'POST',
          url: '/api/admin/users',
          payload: { email, role: 'reviewer', displayName: 'N' },
        });
      const created = await create('new@example.com');
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ user: { email: 'new@example.com', passwordSet: false } });
      expect(created.json().setupLink).toMatch(/\/admin\/setup\?token=/);
      expect((await create('NEW@example.com')).json().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        field: 'email',
      });
      const history = await t.runtime.db.kysely
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'admin.user_created')
        .where('actor', '=', 'first@example.com')
        .execute();
      expect(history.length).toBeGreaterThanOrEqual(1);
      expect(history[0]?.actor_id).toBe(boss.user.id);
    });
  });
});
