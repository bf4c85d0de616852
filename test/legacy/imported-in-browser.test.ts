/**
 * The admin finds enrollments brought over from the earlier version with the list's Origin
 * filter (kept in the address), sees them marked in the list, and reads the reasons on the
 * enrollment page. Chromium at 1280×800.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLegacy } from '../../src/legacy/import-legacy.js';
import {
  type AdminServer,
  adminErrorsOf,
  createSetupLink,
  newAdminPage,
  openEnrollment,
  openSection,
  setUpAccount,
  startAdminServer,
  waitForList,
} from '../browser/support/admin-page.js';
import { launchChromium, newContext, shouldSkipBrowserTests } from '../browser/support/browser.js';
import { makeTempDir } from '../support/engines.js';
import { makeSubmissionFiles } from '../support/fixtures.js';
import { submit } from '../support/submit.js';
import { writeLegacyInstallation } from './legacy-fixtures.js';

const rowNames = (page: Page) => page.locator('[data-testid="enrollment-row"] th').allTextContents();

describe.skipIf(shouldSkipBrowserTests())('imported enrollments in the admin control center', () => {
  let server: AdminServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let temp: { dir: string; remove(): Promise<void> };

  beforeAll(async () => {
    [server, browser, temp] = await Promise.all([startAdminServer(), launchChromium(), makeTempDir('byov-legacy-ui-')]);
    await submit(server.url, await makeSubmissionFiles(5_000), { fullName: 'Native Newcomer', techId: 'NN-1' });
    const installation = await writeLegacyInstallation(path.join(temp.dir, 'old'), 'head');
    await importLegacy(server.testApp.config, { source: installation.root, timeZone: 'UTC', apply: true });
    context = await newContext(browser, { viewport: { width: 1280, height: 800 } });
    page = await newAdminPage(context);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await temp?.remove();
  });

  it('filters to imported enrollments that need review and shows why', async () => {
    await setUpAccount(page, await createSetupLink(server, 'ada@example.com'), {
      email: 'ada@example.com',
      name: 'Ada',
    });
    await openSection(page, 'Enrollments');
    await waitForList(page);
    expect((await rowNames(page)).sort()).toEqual(['Native Newcomer', 'Rosa Díaz', 'Sam Lee', 'Łukasz Nuñez']);

    const search = page.getByRole('search', { name: 'Enrollments' });
    await search.getByLabel('Origin').selectOption('needs_review');
    await expect.poll(async () => (await rowNames(page)).sort()).toEqual(['Rosa Díaz', 'Sam Lee', 'Łukasz Nuñez']);
    expect(new URL(page.url()).searchParams.get('imported')).toBe('needs_review');
    expect(await page.getByTestId('imported-badge').allTextContents()).toEqual(
      Array(3).fill('Imported · needs review'),
    );

    await page.reload();
    await waitForList(page);
    expect(await search.getByLabel('Origin').inputValue()).toBe('needs_review');
    await openEnrollment(page, 'Rosa Díaz');
    await page.getByRole('heading', { name: 'Imported, needs review' }).waitFor();
    const reasons = await page.getByTestId('review-flags').locator('li').allTextContents();
    expect(reasons).toContain('The model year is "twenty nineteen", not a four-digit number; stored as 0.');
    expect(reasons.some((r) => r.startsWith("The VIN fails today's check"))).toBe(true);
    expect(adminErrorsOf(page)).toEqual([]);
  });
});
