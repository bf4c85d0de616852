/**
 * Opened over plain http by a host name other than localhost (as HOST=0.0.0.0 on an office LAN
 * invites), the wizard and the control center render: the security headers follow PUBLIC_URL,
 * so the browser is not told to fetch the scripts over https.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { DESKTOP, launchChromium, newContext, shouldSkipBrowserTests } from './support/browser.js';
import { ensureClientBuilt } from './support/client-build.js';

const LAN_HOST = 'byov-office.example';

describe.skipIf(shouldSkipBrowserTests())('over http by a LAN host name', () => {
  let browser: Browser;
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    await ensureClientBuilt();
    t = await startTestApp('sqlite', { HOST: '0.0.0.0' });
    const address = new URL(await t.app.listen({ host: '127.0.0.1', port: 0 }));
    port = Number(address.port);
    browser = await launchChromium([
      `--host-resolver-rules=MAP ${LAN_HOST} 127.0.0.1`,
      // Only the page's own headers may decide the scheme; Chromium's https-first guesses must not.
      '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sends neither upgrade-insecure-requests nor HSTS', async () => {
    const response = await t.app.inject({ url: '/', headers: { host: `${LAN_HOST}:${port}` } });
    expect(String(response.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('renders the wizard and the control center', async () => {
    const context = await newContext(browser, DESKTOP);
    try {
      const page = await context.newPage();
      const failed: string[] = [];
      page.on('requestfailed', (request) => {
        const reason = request.failure()?.errorText ?? '';
        // Leaving a page cancels what it still loads (the favicon, fetched after the page
        // itself); a request the browser refused or could not complete fails otherwise.
        if (reason !== 'net::ERR_ABORTED') failed.push(`${request.url()}: ${reason}`);
      });
      await page.goto(`http://${LAN_HOST}:${port}/`);
      await page.locator('#start-heading').waitFor();
      await page.goto(`http://${LAN_HOST}:${port}/admin`);
      await page.getByRole('button', { name: /sign in/i }).waitFor();
      expect(failed).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('security headers follow PUBLIC_URL', () => {
  it('an https PUBLIC_URL adds upgrade-insecure-requests and HSTS', async () => {
    const t = await startTestApp('sqlite', { PUBLIC_URL: 'https://byov.example.com' });
    try {
      for (const url of ['/', '/admin', '/health']) {
        const response = await t.app.inject({ url });
        expect(String(response.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
        expect(String(response.headers['strict-transport-security'])).toMatch(/max-age=\d+/);
      }
    } finally {
      await t.close();
    }
  });

  it('an http PUBLIC_URL has neither, on pages and API answers alike', async () => {
    const t = await startTestApp('sqlite', { PUBLIC_URL: 'http://byov.office.lan:3000' });
    try {
      for (const url of ['/', '/admin', '/health', '/api/nothing']) {
        const response = await t.app.inject({ url });
        expect(String(response.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
        expect(response.headers['strict-transport-security']).toBeUndefined();
      }
    } finally {
      await t.close();
    }
  });
});
