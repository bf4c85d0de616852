/**
 * How the server hands out the built client: index.html at `/` (also with `?resume=`), always
 * revalidated and with a page policy that allows photo previews; hashed assets cached for good;
 * and a clear 503 instead of a blank page when the client has not been built.
 */
import { readdir } from 'node:fs/promises';
import { get as httpGet, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
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

  it('sends the hashed scripts brotli- or gzip-compressed, as the browser accepts, over HTTP', async () => {
    const assets = await readdir(path.join(WEB_DIST_DIR, 'assets'));
    const wizard = assets.find((name) => /^wizard-.*\.js$/.test(name));
    expect(wizard).toBeDefined();
    const url = `${await testApp.app.listen({ host: '127.0.0.1', port: 0 })}/assets/${wizard}`;
    const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    const original = Buffer.from(await plain.arrayBuffer());
    expect(plain.headers.get('content-encoding')).toBeNull();
    for (const [accepted, encoding] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      // Node's fetch would decode the body itself; a raw request shows what is on the wire.
      const response = await new Promise<IncomingMessage>((resolve, reject) =>
        httpGet(url, { headers: { 'accept-encoding': accepted } }, resolve).on('error', reject),
      );
      const chunks: Buffer[] = [];
      for await (const chunk of response) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(body.length).toBeLessThan(original.length / 2);
      expect(encoding === 'br' ? brotliDecompressSync(body) : gunzipSync(body)).toEqual(original);
    }
  });

  it('serves a favicon, app icons and a manifest (no 404 on any page)', async () => {
    for (const url of ['/favicon.svg', '/favicon-32.png', '/apple-touch-icon.png', '/icon-192.png', '/icon-512.png']) {
      const response = await testApp.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^image\//);
    }
    const manifest = await testApp.app.inject({ method: 'GET', url: '/manifest.webmanifest' });
    expect(manifest.statusCode).toBe(200);
    const page = await testApp.app.inject({ method: 'GET', url: '/' });
    expect(page.body).toContain('rel="icon"');
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
