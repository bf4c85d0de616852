/**
 * A technician's answers are data, never markup: a stored `<img onerror>` in the name, a
 * `<script>` in the comment and an `<svg onload>` in "referred by" are shown as the literal text
 * they are, in the list and on the detail page, and none of them runs.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSubmissionFiles } from '../support/fixtures.js';
import { submit } from '../support/submit.js';
import {
  type AdminServer,
  adminErrorsOf,
  approveWithConfirmation,
  createSetupLink,
  newAdminPage,
  openSection,
  setUpAccount,
  startAdminServer,
  waitForList,
} from './support/admin-page.js';
import { launchChromium, newContext, shouldSkipBrowserTests } from './support/browser.js';
import { screenshot } from './support/wizard-page.js';

const HOSTILE_NAME = '<img src=x onerror="window.__xss=1">';
const HOSTILE_COMMENT = '<script>window.__xss=1</script>';
const HOSTILE_REFERRER = '<svg/onload="window.__xss=1">';

async function assertInert(page: Page): Promise<void> {
  expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
  // Nothing the technician typed became an element.
  expect(await page.locator('img[src="x"], svg[onload], main script').count()).toBe(0);
  expect(adminErrorsOf(page)).toEqual([]);
}

describe.skipIf(shouldSkipBrowserTests())('admin control center: hostile technician data stays text', () => {
  let server: AdminServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAdminServer(), launchChromium()]);
    await submit(server.url, await makeSubmissionFiles(8_000), {
      fullName: HOSTILE_NAME,
      techId: 'XSS-1',
      comment: HOSTILE_COMMENT,
      referredBy: HOSTILE_REFERRER,
    });
    context = await newContext(browser, { viewport: { width: 1280, height: 800 } });
    page = await newAdminPage(context);
    const email = 'hal.admin@example.com';
    await setUpAccount(page, await createSetupLink(server, email), { email, name: 'Hal Admin' });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('shows the literal text in the list and runs nothing', async () => {
    await openSection(page, 'Enrollments');
    await waitForList(page);
    const link = page.getByRole('link', { name: HOSTILE_NAME, exact: true });
    expect(await link.textContent()).toBe(HOSTILE_NAME);
    await page.locator('.column-chooser summary').click();
    await page.getByRole('checkbox', { name: 'Referred by', exact: true }).check();
    await page.getByText(HOSTILE_REFERRER, { exact: true }).waitFor();
    await screenshot(page, 'admin-12-hostile-list');
    await assertInert(page);
  });

  it('shows the literal text on the detail page, its title and its history, and runs nothing', async () => {
    await page.getByRole('link', { name: HOSTILE_NAME, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: HOSTILE_NAME, exact: true }).waitFor();
    for (const text of [HOSTILE_COMMENT, HOSTILE_REFERRER]) {
      expect(await page.getByText(text, { exact: true }).count(), text).toBe(1);
    }
    expect(await page.title()).toContain(HOSTILE_NAME);
    await screenshot(page, 'admin-13-hostile-detail');
    // Decisions re-render the page with the same data.
    await approveWithConfirmation(page);
    await expect.poll(() => page.getByTestId('announcement').textContent()).toBe('Enrollment approved.');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: HOSTILE_NAME, exact: true }).waitFor();
    await assertInert(page);
  });
});
