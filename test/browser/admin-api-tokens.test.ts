/**
 * The API tokens page in Chromium: an admin creates a token with one scope and sees its secret
 * once; the secret works on its scope's routes and is refused elsewhere; the list shows its last
 * use; revoking it from the page ends it at once.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AdminServer,
  adminErrorsOf,
  createSetupLink,
  newAdminPage,
  openSection,
  setUpAccount,
  startAdminServer,
} from './support/admin-page.js';
import { launchChromium, newContext, shouldSkipBrowserTests } from './support/browser.js';

type ErrorBody = { error: { code: string } };

const ADMIN = { email: 'tia.admin@example.com', name: 'Tia Admin' };

describe.skipIf(shouldSkipBrowserTests())('admin control center: API tokens', () => {
  let server: AdminServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAdminServer(), launchChromium()]);
    context = await newContext(browser, { viewport: { width: 1280, height: 800 } });
    page = await newAdminPage(context);
    await setUpAccount(page, await createSetupLink(server, ADMIN.email), ADMIN);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const call = (secret: string, url: string) =>
    fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${secret}` } });

  it('creates a token shown once, which works within its scope, shows its last use and can be revoked', async () => {
    await openSection(page, 'API tokens');
    await page.getByText('No tokens yet.').waitFor();
    await page.getByLabel('Name').fill('nightly report');
    await page.getByLabel('Expires in (days, 1–730)').fill('30');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.getByTestId('new-token-secret').inputValue();
    expect(secret).toMatch(/^byov_[A-Za-z0-9_-]{43}$/);
    const row = page.getByTestId('tokens-table').getByRole('row', { name: /nightly report/ });
    await expect.poll(() => row.textContent()).toContain('Never');
    expect(await row.textContent()).toContain('read');

    expect((await call(secret, '/api/admin/overview')).status).toBe(200);
    const refused = await call(secret, '/api/admin/enrollments.csv');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('SCOPE_REQUIRED');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    expect(await row.textContent()).not.toContain('Never');
    // Shown once: a reload no longer has it anywhere on the page.
    expect(await page.content()).not.toContain(secret);

    await row.getByRole('button', { name: 'Revoke nightly report' }).click();
    await expect.poll(() => row.textContent()).toContain('Revoked');
    const revoked = await call(secret, '/api/admin/overview');
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as ErrorBody).error.code).toBe('TOKEN_REVOKED');
    expect(adminErrorsOf(page)).toEqual([]);
  });
});
