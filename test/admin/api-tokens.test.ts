import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiToken, MAX_LIVE_TOKENS } from '../../src/domain/admin/tokens/create-api-token.js';
import { CLI_ACTOR } from '../../src/domain/auth/actor.js';
import { TOKEN_CREATIONS_PER_MINUTE } from '../../src/http/routes/admin-tokens.js';
import { createLogger } from '../../src/logger.js';
import { TOKEN_SCOPES, type TokenScope } from '../../src/shared/api-token-scopes.js';
import { as, createAccount, type Session } from '../support/admin-session.js';
import { adminHeaders, startTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/app-harness.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles } from '../support/fixtures.js';
import { expectError } from '../support/responses.js';
import { concreteAdminUrl } from '../support/routes.js';
import { submit } from '../support/submit.js';

interface Minted {
  id: string;
  secret: string;
}

const bearer = (token: Minted) => ({ authorization: `Bearer ${token.secret}` });
const DAY = 86_400_000;

describeEachEngine('API tokens', (engine) => {
  let t: TestApp;
  let admin: Session;
  /** Everything the app logged, at trace level, through the production log settings. */
  const logged: string[] = [];
  const only = {} as Record<TokenScope, Minted>;
  const allBut = {} as Record<TokenScope, Minted>;
  let everything: Minted;
  let revoked: Minted;
  let expired: Minted;
  let unused: Minted;
  let passThrough: { enrollment: string };
  let audited: { enrollment: string };

  async function mint(name: string, scopes: readonly TokenScope[], expiresInDays = 30): Promise<Minted> {
    const payload = { name, scopes, expiresInDays };
    const response = await as(t.app, admin, { method: 'POST', url: '/api/admin/tokens', payload });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    return { id: response.json().token.id, secret: response.json().secret };
  }

  async function listTokens() {
    const response = await as(t.app, admin, { url: '/api/admin/tokens' });
    expect(response.statusCode).toBe(200);
    return response.json().tokens as { id: string; name: string; state: string; lastUsedAt: string | null }[];
  }

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged.push(String(chunk));
        done();
      },
    });
    t = await startTestApp(engine, {}, undefined, { logger: createLogger('trace', sink) });
    admin = await createAccount(t, 'ada@example.com', 'admin');
    const files = await makeSubmissionFiles(4_000);
    passThrough = { enrollment: (await submit(t, files, { techId: 'TOK-1' })).id };
    audited = { enrollment: (await submit(t, files, { techId: 'TOK-2' })).id };
    for (const scope of TOKEN_SCOPES) {
      only[scope] = await mint(`only ${scope}`, [scope]);
      allBut[scope] = await mint(
        `all but ${scope}`,
        TOKEN_SCOPES.filter((s) => s !== scope),
      );
    }
    everything = await mint('everything', TOKEN_SCOPES);
    unused = await mint('unused', ['read']);
    revoked = await mint('revoked', TOKEN_SCOPES);
    const revoke = await as(t.app, admin, { method: 'POST', url: `/api/admin/tokens/${revoked.id}/revoke` });
    expect(revoke.statusCode, revoke.body).toBe(200);
    expect(revoke.json()).toMatchObject({ state: 'revoked', revokedBy: 'ada@example.com' });
    // Created three days ago for one day, by the CLI-like path the use case offers.
    const old = await createApiToken(
      t.runtime,
      { actor: CLI_ACTOR, ip: null, userAgent: null, now: new Date(Date.now() - 3 * DAY) },
      { name: 'expired', scopes: TOKEN_SCOPES, expiresInDays: 1 },
    );
    expired = { id: old.token.id, secret: old.secret };
  });
  afterAll(() => t.close());

  it('shows the secret once: the list and the database hold only its hash and first characters', async () => {
    const tokens = await listTokens();
    expect(tokens.map((token) => token.name)).toContain('everything');
    expect(JSON.stringify(tokens)).not.toContain(everything.secret);
    expect(tokens.find((token) => token.id === everything.id)).toMatchObject({
      state: 'active',
      scopes: [...TOKEN_SCOPES],
      prefix: everything.secret.slice(0, 11),
      createdBy: 'ada@example.com',
      lastUsedAt: null,
    });
    expect(tokens.find((token) => token.id === revoked.id)?.state).toBe('revoked');
    expect(tokens.find((token) => token.id === expired.id)?.state).toBe('expired');
    const row = await t.runtime.db.kysely
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', everything.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(everything.secret);
    expect(row.token_hash).toBe(createHash('sha256').update(everything.secret).digest('hex'));
  });

  it("enforces each admin route's scope: 403 without it, through with it, 401 when expired, revoked or unknown", async () => {
    const routes = t.app.adminRoutes.filter((route) => route.method !== 'HEAD');
    expect(routes.length).toBeGreaterThanOrEqual(27);
    for (const route of routes) {
      const label = `${route.method} ${route.url}`;
      const call = (token: Minted) =>
        t.app.inject({
          method: route.method as 'GET',
          url: concreteAdminUrl(route.url, passThrough),
          headers: bearer(token),
        });
      const needed = route.scope;
      const refused = await call(needed === null ? everything : allBut[needed]);
      expect(refused.statusCode, label).toBe(403);
      if (needed === null) expect(expectError(refused).code, label).toBe('FORBIDDEN');
      else {
        expect(expectError(refused).code, label).toBe('SCOPE_REQUIRED');
        expect(expectError(refused).message, label).toContain(`"${needed}"`);
        const allowed = await call(only[needed]);
        expect([401, 403], `${label}: ${allowed.body}`).not.toContain(allowed.statusCode);
      }
      expect(expectError(await call(expired)), label).toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' });
      expect(expectError(await call(revoked)), label).toMatchObject({ status: 401, code: 'TOKEN_REVOKED' });
      const forged = { id: 'x', secret: `byov_${'A'.repeat(43)}` };
      expect(expectError(await call(forged)), label).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    }
  });

  it('keeps token management, accounts and settings out of reach of every token', () => {
    const sessionOnly = t.app.adminRoutes.filter((route) => /\/(tokens|users|settings)\b/.test(route.url));
    expect(sessionOnly.length).toBeGreaterThanOrEqual(10);
    for (const route of sessionOnly) expect(route.scope, `${route.method} ${route.url}`).toBeNull();
  });

  it("audits every call under the token's name and shows when it was last used", async () => {
    const approve = await t.app.inject({
      method: 'POST',
      url: `/api/admin/enrollments/${audited.enrollment}/approve`,
      headers: bearer(only.review),
    });
    expect(approve.statusCode, approve.body).toBe(200);
    expect(approve.json().history.at(-1)).toMatchObject({ action: 'enrollment.approved', actor: 'token:only review' });
    const read = await t.app.inject({ url: '/api/admin/overview', headers: bearer(only.read) });
    expect(read.statusCode).toBe(200);
    const refused = await t.app.inject({ url: '/api/admin/overview', headers: bearer(only.export) });
    expect(refused.statusCode).toBe(403);

    const uses = await t.runtime.db.kysely
      .selectFrom('audit_events')
      .select(['actor', 'details'])
      .where('action', '=', 'api_token.used')
      .execute();
    const usesOf = (name: string) =>
      uses.filter((use) => use.actor === `token:${name}`).map((use) => JSON.parse(use.details));
    expect(usesOf('only review')).toContainEqual({
      tokenId: only.review.id,
      method: 'POST',
      route: '/api/admin/enrollments/:id/approve',
      status: 200,
    });
    expect(usesOf('only read')).toContainEqual(
      expect.objectContaining({ method: 'GET', route: '/api/admin/overview', status: 200 }),
    );
    expect(usesOf('only export')).toContainEqual(
      expect.objectContaining({ route: '/api/admin/overview', status: 403 }),
    );
    // Refused tokens are not anyone: nothing is recorded under their names.
    expect(usesOf('revoked')).toEqual([]);
    expect(usesOf('expired')).toEqual([]);

    const tokens = await listTokens();
    const lastUsed = (id: string) => tokens.find((token) => token.id === id)?.lastUsedAt;
    expect(lastUsed(only.review.id)).toEqual(expect.any(String));
    expect(lastUsed(unused.id)).toBeNull();
    expect(lastUsed(revoked.id)).toBeNull();
  });

  it('leaves ADMIN_TOKEN the bootstrap key: every route, token management included', async () => {
    const list = await t.app.inject({ url: '/api/admin/tokens', headers: adminHeaders() });
    expect(list.statusCode).toBe(200);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/admin/tokens',
      headers: adminHeaders(),
      payload: { name: 'made by bootstrap', scopes: ['backup'], expiresInDays: 7 },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().token.createdBy).toBe('api-token');
  });

  it('refuses bad input with the field named, and creates nothing', async () => {
    const before = await t.snapshotState();
    const count = async () => (await listTokens()).length;
    const tokensBefore = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ scopes: ['read'], expiresInDays: 5 }, 'name'],
      [{ name: '   ', scopes: ['read'], expiresInDays: 5 }, 'name'],
      [{ name: 'x'.repeat(61), scopes: ['read'], expiresInDays: 5 }, 'name'],
      [{ name: 'ok', scopes: [], expiresInDays: 5 }, 'scopes'],
      [{ name: 'ok', scopes: ['admin'], expiresInDays: 5 }, 'scopes'],
      [{ name: 'ok', scopes: ['read', 'read'], expiresInDays: 5 }, 'scopes'],
      [{ name: 'ok', scopes: ['read'], expiresInDays: 0 }, 'expiresInDays'],
      [{ name: 'ok', scopes: ['read'], expiresInDays: 731 }, 'expiresInDays'],
      [{ name: 'ok', scopes: ['read'], expiresInDays: 1.5 }, 'expiresInDays'],
      [{ name: 'everything', scopes: ['read'], expiresInDays: 5 }, 'name'],
    ];
    for (const [payload, field] of cases) {
      const response = await as(t.app, admin, { method: 'POST', url: '/api/admin/tokens', payload });
      expect(expectError(response), JSON.stringify(payload)).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
      });
    }
    expect(await count()).toBe(tokensBefore);
    expect((await t.snapshotState()).rows).toEqual(before.rows);

    const revokeMissing = await as(t.app, admin, { method: 'POST', url: '/api/admin/tokens/no-such-token/revoke' });
    expect(expectError(revokeMissing)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const revokeAgain = await as(t.app, admin, { method: 'POST', url: `/api/admin/tokens/${revoked.id}/revoke` });
    expect(expectError(revokeAgain)).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
  });

  it('limits how fast tokens are created, and how many are live', async () => {
    let limited = false;
    for (let attempt = 0; attempt <= TOKEN_CREATIONS_PER_MINUTE && !limited; attempt += 1) {
      const payload = { name: `burst ${attempt}`, scopes: ['read'], expiresInDays: 1 };
      const response = await as(t.app, admin, { method: 'POST', url: '/api/admin/tokens', payload });
      limited = response.statusCode === 429;
      if (limited) expect(expectError(response).code).toBe('RATE_LIMITED');
    }
    expect(limited).toBe(true);

    const context = { actor: CLI_ACTOR, ip: null, userAgent: null, now: new Date() };
    const live = (await listTokens()).filter((token) => token.state === 'active').length;
    for (let n = live; n < MAX_LIVE_TOKENS; n += 1) {
      await createApiToken(t.runtime, context, { name: `filler ${n}`, scopes: ['read'], expiresInDays: 1 });
    }
    await expect(
      createApiToken(t.runtime, context, { name: 'one too many', scopes: ['read'], expiresInDays: 1 }),
    ).rejects.toMatchObject({ code: 'TOO_MANY_TOKENS' });
  });

  it('never writes a token secret (nor ADMIN_TOKEN) to the log', () => {
    const log = logged.join('');
    expect(log).toContain('/api/admin/tokens');
    for (const token of [everything, revoked, expired, unused, ...Object.values(only), ...Object.values(allBut)]) {
      expect(log).not.toContain(token.secret);
      expect(log).not.toContain(token.secret.slice(12));
    }
    expect(log).not.toContain(TEST_ADMIN_TOKEN);
  });
});
