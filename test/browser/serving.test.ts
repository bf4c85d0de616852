/**
 * How the server hands out the built client: index.html at `/` (also with `?resume=`), always
 * revalidated and with a page policy that allows photo previews; hashed assets cached for good;
 * and a clear 503 instead of a blank page when the client has not been built.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebRoutes, WEB_DIST_DIR } from '../../src/http/routes/web.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { makeTempDir } from '../support/engines.js';
import { ensureClientBuilt } from './support/client-build.js';

describe('serving the web client', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    await ensureClientBuilt();
    testApp = await startTestApp('sqlite');
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('serves index.html at / and /?resume=…, revalidated on every load', async () => {
    for (const url of ['/', '/?resume=ABCDE-FGHJK']) {
      const response = await testApp.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<div id="root">');
      const policy = String(response.headers['content-security-policy']);
      expect(policy).toMatch(/img-src 'self' data: blob:/);
      expect(policy).toMatch(/script-src 'self'/);
    }
  });

  it('caches the hashed assets for a year', async () => {
    const assets = await readdir(path.join(WEB_DIST_DIR, 'assets'));
    const script = assets.find((name) => name.endsWith('.js'));
    expect(script).toBeDefined();
    const response = await testApp.app.inject({ method: 'GET', url: `/assets/${script}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-type']).toContain('javascript');
  });

  it('keeps unknown addresses answering the JSON 404', async () => {
    for (const url of ['/api/nothing-here', '/no-such-file.js']) {
      const response = await testApp.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });

  it('answers 503 with instructions when the client has not been built', async () => {
    const temp = await makeTempDir('byov-no-web-');
    const app = Fastify();
    try {
      await registerWebRoutes(app, { distDir: path.join(temp.dir, 'dist') });
      const page = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('npm run build');
      const api = await app.inject({ method: 'GET', url: '/?resume=ABCDE-FGHJK' });
      expect(api.statusCode).toBe(503);
      expect(api.json().error.message).toContain('npm run build');
    } finally {
      await app.close();
      await temp.remove();
    }
  });
});
