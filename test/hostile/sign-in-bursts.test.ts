import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminUser } from '../../src/domain/admin/users/create-admin-user.js';
import { updateAdminUser } from '../../src/domain/admin/users/update-admin-user.js';
import { CLI_ACTOR } from '../../src/domain/auth/actor.js';
import { EMAIL_RULE } from '../../src/domain/auth/login-throttle.js';
import { hashPassword } from '../../src/domain/auth/password.js';
import { createAccount, PASSWORD, signIn, tokenOf } from '../support/admin-session.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { manualClock } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';

/** Sign-in throttling, account setup and the last admin hold when requests arrive all at once. */
describeEachEngine('sign-in under bursts', (engine) => {
  const clock = manualClock();
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine, {}, clock.now);
  });
  afterAll(() => t.close());

  const statuses = (responses: { statusCode: number }[]) =>
    responses.reduce<Record<number, number>>((counts, r) => {
      counts[r.statusCode] = (counts[r.statusCode] ?? 0) + 1;
      return counts;
    }, {});

  it('counts every one of 40 concurrent wrong passwords, refusing the rest once blocked', async () => {
    await createAccount(t, 'burst@example.com', 'reviewer', clock.now());
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn(t.app, 'burst@example.com', `wrong guess ${i}`, '192.0.2.10')),
    );
    // The clock stands still, so the first delay (after failure 3) is in force for the rest.
    expect(statuses(burst)).toEqual({ 401: EMAIL_RULE.delayFrom, 429: 40 - EMAIL_RULE.delayFrom });
    const row = await t.runtime.db.kysely.selectFrom('login_throttles').select(['failures']).execute();
    expect(row.map((r) => r.failures).sort()).toEqual([EMAIL_RULE.delayFrom, EMAIL_RULE.delayFrom]);
  });

  it('refuses the right password sent inside a burst once a delay is in force', async () => {
    await createAccount(t, 'late@example.com', 'reviewer', clock.now());
    let address = 0;
    const attempt = (password: string) => signIn(t.app, 'late@example.com', password, `198.51.100.${++address}`);
    // Nine failures, waiting out each delay, as a patient guesser would.
    for (let failure = 1; failure <= EMAIL_RULE.lockAfter - 1; failure++) {
      expect((await attempt(`guess ${failure}`)).statusCode).toBe(401);
      clock.advance(20 * 60_000);
    }
    const burst = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => attempt(`burst guess ${i}`)),
      attempt(PASSWORD),
      ...Array.from({ length: 10 }, (_, i) => attempt(`more guess ${i}`)),
    ]);
    const counts = statuses(burst);
    // Exactly one attempt of the burst is checked (it locks the account); every other is refused.
    expect((counts[401] ?? 0) + (counts[200] ?? 0)).toBe(1);
    expect(counts[429]).toBe(20);
  });

  it('checks a setup link before the password: a made-up token never reaches the hash', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/setup',
      payload: { token: 'made-up-token', email: 'x@example.com', password: 'short', displayName: 'X' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ field: 'token', message: expect.stringMatching(/invalid/) });
  });

  it('refuses weak passwords at setup, naming the rule', async () => {
    const created = await createAdminUser(
      { db: t.runtime.db, publicUrl: t.config.publicUrl },
      { actor: CLI_ACTOR, ip: null, userAgent: null, now: clock.now() },
      { email: 'weak@example.com', role: 'reviewer' },
    );
    const setup = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/setup',
        payload: { token: tokenOf(created.setupLink), email: 'weak@example.com', password, displayName: 'W' },
      });
    for (const [password, rule] of [
      [' '.repeat(12), /only spaces/],
      ['aaaaaaaaaaaa', /different characters/],
      ['password1234', /too common/],
    ] as const) {
      const response = await setup(password);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ field: 'password', message: expect.stringMatching(rule) });
    }
    expect((await setup('a sound passphrase here')).statusCode).toBe(201);
  });

  it('leaves at least one admin when two admins disable each other at the same moment', async () => {
    const [first, second] = [
      await createAccount(t, 'admin-a@example.com', 'admin', clock.now()),
      await createAccount(t, 'admin-b@example.com', 'admin', clock.now()),
    ];
    // Only these two may count as admins who can sign in.
    await t.runtime.db.kysely
      .updateTable('admin_users')
      .set({ disabled: 1 })
      .where('role', '=', 'admin')
      .where('email', 'not in', ['admin-a@example.com', 'admin-b@example.com'])
      .execute();
    const disable = (by: typeof first, target: typeof first) =>
      updateAdminUser(
        { db: t.runtime.db },
        {
          actor: { userId: by.user.id, label: by.user.email, role: 'admin' },
          ip: null,
          userAgent: null,
          now: clock.now(),
        },
        target.user.id,
        { disabled: true },
      ).then(
        () => 'done',
        (error: { code?: string }) => error.code,
      );
    for (let round = 0; round < 10; round++) {
      const outcomes = await Promise.all([disable(first, second), disable(second, first)]);
      expect(outcomes.sort()).toEqual(['INVALID_TRANSITION', 'done']);
      const usable = await t.runtime.db.kysely
        .selectFrom('admin_users')
        .select('email')
        .where('role', '=', 'admin')
        .where('disabled', '=', 0)
        .where('password_hash', 'is not', null)
        .execute();
      expect(usable).toHaveLength(1);
      await t.runtime.db.kysely
        .updateTable('admin_users')
        .set({ disabled: 0 })
        .where('id', 'in', [first.user.id, second.user.id])
        .execute();
    }
  });
});

describe('password hashing', () => {
  it('runs one hash at a time and refuses a queue beyond its bound', async () => {
    const cheap = { N: 2 ** 10, r: 8, p: 1 } as const;
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => hashPassword('x'.repeat(12), cheap)));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'RATE_LIMITED' });
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThan(0);
  });
});

describeEachEngine('sign-in rate limit', (engine) => {
  it('refuses more sign-ins and setups per minute from one address than RATE_LIMIT_SIGN_INS_PER_MINUTE', async () => {
    const t = await startTestApp(engine, { RATE_LIMIT_SIGN_INS_PER_MINUTE: '4' });
    try {
      const setup = () =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/setup',
          payload: { token: 'fake', email: 'a@example.com', password: 'whatever whatever', displayName: 'A' },
        });
      const setups: number[] = [];
      for (let i = 0; i < 5; i++) setups.push((await setup()).statusCode);
      expect(setups).toEqual([400, 400, 400, 400, 429]);
      const logins: number[] = [];
      for (let i = 0; i < 5; i++)
        logins.push((await signIn(t.app, `u${i}@example.com`, 'whatever whatever')).statusCode);
      expect(logins).toEqual([401, 401, 401, 401, 429]);
    } finally {
      await t.close();
    }
  });

  it('counts sign-ins and setups sent all at once: exactly RATE_LIMIT_SIGN_INS_PER_MINUTE get through', async () => {
    const t = await startTestApp(engine, { RATE_LIMIT_SIGN_INS_PER_MINUTE: '4' });
    try {
      const burst = await Promise.all([
        ...Array.from({ length: 6 }, () =>
          t.app.inject({
            method: 'POST',
            url: '/api/auth/setup',
            remoteAddress: '192.0.2.77',
            payload: { token: 'fake', email: 'a@example.com', password: 'whatever whatever', displayName: 'A' },
          }),
        ),
        ...Array.from({ length: 6 }, (_, i) => signIn(t.app, `v${i}@example.com`, 'whatever whatever', '192.0.2.77')),
      ]);
      // Each route keeps its own count per address, as the sequential test above shows.
      for (const r of burst.filter((b) => b.statusCode === 429)) expect(r.json().error.code).toBe('RATE_LIMITED');
      const perRoute = (url: string) =>
        burst.filter((r, i) => (i < 6 ? '/api/auth/setup' : '/api/auth/login') === url && r.statusCode !== 429).length;
      expect(perRoute('/api/auth/setup')).toBe(4);
      expect(perRoute('/api/auth/login')).toBe(4);
    } finally {
      await t.close();
    }
  });
});
