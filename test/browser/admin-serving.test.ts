/**
 * How the server hands out the admin control center: admin.html at /admin and at every
 * /admin/... address the client routes itself (so reload and shared links work), revalidated on
 * every load, with a policy that allows same-origin frames for the PDF viewer; the wizard keeps
 * its own page at /, and the admin API keeps answering JSON.
 */
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebRoutes } from '../../src/http/routes/web.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { makeTempDir } from '../support/engines.js';
import { ensureClientBuilt } from './support/client-build.js';

const ADMIN_ADDRESSES = ['/admin', '/admin/', '/admin/setup?token=abc123', '/admin/enrollments/01HXYZ', '/admin/users'];

describe('serving the admin control center', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    await ensureClientBuilt();
    testApp = await startTestApp('sqlite');
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('serves admin.html at /admin and every client route under it, revalidated on every load', async () => {
    for (const url of ADMIN_ADDRESSES) {
      const response = await testApp.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<title>BYOV Admin</title>');
      const policy = String(response.headers['content-security-policy']);
      expect(policy).toMatch(/frame-src 'self'/);
      expect(policy).toMatch(/script-src 'self'/);
      expect(policy).not.toMatch(/blob:/);
    }
  });

  it('keeps the wizard at / and the admin API answering JSON', async () => {
    const wizard = await testApp.app.inject({ method: 'GET', url: '/' });
    expect(wizard.body).toContain('<title>BYOV Technician Enrollment</title>');
    expect(wizard.body).not.toContain('admin');
    const api = await testApp.app.inject({ method: 'GET', url: '/api/admin/enrollments' });
    expect(api.statusCode).toBe(401);
    expect(api.json().error.code).toBe('UNAUTHORIZED');
  });

  it('answers 503 with instructions when the client has not been built', async () => {
    const temp = await makeTempDir('byov-no-web-');
    const app = Fastify();
    try {
      await registerWebRoutes(app, { distDir: path.join(temp.dir, 'dist') });
      const page = await app.inject({ method: 'GET', url: '/admin/enrollments', headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('npm run build');
    } finally {
      await app.close();
      await temp.remove();
    }
  });
});
