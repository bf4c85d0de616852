import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { guard, installAdminAccess } from '../../src/http/admin-auth.js';
import type { Db } from '../../src/storage/db.js';
import { as, createAccount, type Session } from '../support/admin-session.js';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles } from '../support/fixtures.js';
import { concreteAdminUrl, printedRoutes } from '../support/routes.js';
import { submit } from '../support/submit.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describeEachEngine('admin access control', (engine) => {
  let t: TestApp;
  let admin: Session;
  let reviewer: Session;
  let ids: { enrollment: string };
  /** Reviewer routes really run in the pass-through check; they act on this one instead. */
  let reviewersOwn: { enrollment: string };

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await createAccount(t, 'ada@example.com', 'admin');
    reviewer = await createAccount(t, 'rex@example.com', 'reviewer');
    const files = await makeSubmissionFiles(4_000);
    ids = { enrollment: (await submit(t, files, { techId: 'ACL-1' })).id };
    reviewersOwn = { enrollment: (await submit(t, files, { techId: 'ACL-2' })).id };
  });
  afterAll(() => t.close());

  it('knows every admin route Fastify has, each with an access level', () => {
    const printed = printedRoutes(t.app)
      .filter((r) => r.url.startsWith('/api/admin'))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    const recorded = t.app.adminRoutes.map((r) => `${r.method} ${r.url}`).sort();
    expect(recorded).toEqual(printed);
    // The contract's routes, so a refactor that drops one is noticed.
    expect(printed.filter((r) => !r.startsWith('HEAD')).length).toBeGreaterThanOrEqual(24);
  });

  it('answers 401 on every admin route without a session or token', async () => {
    for (const route of t.app.adminRoutes) {
      const response = await t.app.inject({ method: route.method as 'GET', url: concreteAdminUrl(route.url, ids) });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      if (route.method !== 'HEAD') expect(response.json().error.code).toBe('UNAUTHORIZED');
    }
  });

  it('answers 401 for a forged or ended session cookie', async () => {
    const forged = { ...admin, cookie: 'byov_session=forged-value' };
    expect((await as(t.app, forged, { url: '/api/admin/enrollments' })).statusCode).toBe(401);
  });

  it('answers 403 to a reviewer on every admin-only route, and lets them through elsewhere', async () => {
    for (const route of t.app.adminRoutes) {
      if (route.method === 'HEAD') continue;
      const url = concreteAdminUrl(route.url, reviewersOwn);
      const response = await as(t.app, reviewer, { method: route.method as 'GET', url });
      const label = `${route.method} ${route.url}`;
      if (route.access === 'admin') {
        expect(response.statusCode, label).toBe(403);
        expect(response.json().error.code, label).toBe('FORBIDDEN');
      } else {
        expect([401, 403], label).not.toContain(response.statusCode);
      }
    }
  });

  it('refuses every state-changing request without the CSRF token (403), even for an admin', async () => {
    const changing = t.app.adminRoutes.filter((r) => STATE_CHANGING.has(r.method));
    expect(changing.length).toBeGreaterThanOrEqual(12);
    for (const route of changing) {
      const label = `${route.method} ${route.url}`;
      const missing = await as(t.app, admin, {
        method: route.method as 'POST',
        url: concreteAdminUrl(route.url, ids),
        csrf: false,
      });
      expect(missing.statusCode, label).toBe(403);
      expect(missing.json().error).toEqual({ code: 'FORBIDDEN', message: 'Missing or invalid CSRF token' });
      const wrong = await as(t.app, admin, {
        method: route.method as 'POST',
        url: concreteAdminUrl(route.url, ids),
        csrf: false,
        headers: { 'x-csrf-token': reviewer.csrfToken },
      });
      expect(wrong.statusCode, label).toBe(403);
    }
    const detail = await as(t.app, admin, { url: `/api/admin/enrollments/${ids.enrollment}` });
    expect(detail.json().enrollment.status).toBe('pending');
  });

  it('lets scripts use the bearer token as an admin, without CSRF', async () => {
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/admin/enrollments/${ids.enrollment}/approve`,
      headers: adminHeaders(),
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().history.at(-1)).toMatchObject({ action: 'enrollment.approved', actor: 'api-token' });
    const wrong = await t.app.inject({ url: '/api/admin/users', headers: { authorization: 'Bearer wrong' } });
    expect(wrong.statusCode).toBe(401);
  });
});

describe('admin route registration', () => {
  it('refuses to start with an admin route that does not declare who may call it', async () => {
    const app = Fastify();
    const config = loadConfig({ DATA_DIR: '/nonexistent' });
    installAdminAccess(app, { config, db: {} as Db, now: () => new Date() });
    expect(() => app.get('/api/admin/forgotten', async () => ({ secret: true }))).toThrow(/must declare config.access/);
  });

  it('refuses to start with an admin route that does not declare the API token scope it needs', async () => {
    const app = Fastify();
    const config = loadConfig({ DATA_DIR: '/nonexistent' });
    installAdminAccess(app, { config, db: {} as Db, now: () => new Date() });
    const roleOnly = { config: { access: 'admin' as const } };
    expect(() => app.get('/api/admin/scopeless', roleOnly, async () => ({}))).toThrow(/must declare config.scope/);
    const unknown = { config: { access: 'admin' as const, scope: 'everything' as 'read' } };
    expect(() => app.get('/api/admin/made-up', unknown, async () => ({}))).toThrow(/must declare config.scope/);
    // null is a declaration: no token may call the route.
    expect(() => app.get('/api/admin/sessions-only', guard('admin', null), async () => ({}))).not.toThrow();
  });
});
