/**
 * Every admin page on a phone (375×667, touch) and a tablet (768×1024): the overview, the list,
 * an enrollment's detail (with a long name and e-mail and the approve confirmation open), the
 * notifications, backups, settings, users and API tokens pages. On each: axe-core finds no
 * violation and the page does not scroll sideways. The detail says, in English, that the
 * technician used Spanish. Screenshots go to test-artifacts/screenshots/admin-screens.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders } from '../support/app-harness.js';
import { buildSubmissionForm, makeSubmissionFiles, validEnrollmentData } from '../support/fixtures.js';
import { submit } from '../support/submit.js';
import {
  type AdminServer,
  adminErrorsOf,
  createSetupLink,
  newAdminPage,
  openSection,
  setUpAccount,
  signIn,
  startAdminServer,
  waitForList,
} from './support/admin-page.js';
import { launchChromium, newContext, PHONE, shouldSkipBrowserTests } from './support/browser.js';
import { expectNoAxeViolations, expectNoSidewaysScroll } from './support/page-checks.js';
import { screenshot } from './support/wizard-page.js';

const TABLET: BrowserContextOptions = { viewport: { width: 768, height: 1024 }, deviceScaleFactor: 1, hasTouch: true };
const SIZES = { phone: PHONE, tablet: TABLET } as const;
type Size = keyof typeof SIZES;

const ADMIN = { email: 'marisol.admin@example.com', name: 'Marisol Admin' };
const LONG_NAME = 'Maximiliano Bartholomew Castellanos-Oyelaran';
const LONG_EMAIL = 'maximiliano.bartholomew.castellanos-oyelaran@field-services.example.com';
const SECTIONS = ['Overview', 'Enrollments', 'Notifications', 'Backups', 'Settings', 'Users', 'API tokens'] as const;

describe.skipIf(shouldSkipBrowserTests())('every admin page on a phone and a tablet', () => {
  let server: AdminServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAdminServer(), launchChromium()]);
    const files = await makeSubmissionFiles(8_000);
    // This technician used the wizard in Spanish; the admin stays English and says so.
    const form = buildSubmissionForm(
      validEnrollmentData({ fullName: LONG_NAME, email: LONG_EMAIL, techId: 'MB-1' }),
      files,
    );
    form.append('language', 'es');
    expect((await fetch(`${server.url}/api/enrollments`, { method: 'POST', body: form })).status).toBe(201);
    await submit(server.url, files, { fullName: 'Ana Ruiz', techId: 'AR-2' });
    // A token, so the tokens page shows its table rather than "No tokens yet".
    const token = await fetch(`${server.url}/api/admin/tokens`, {
      method: 'POST',
      headers: { ...adminHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Nightly export to the HR system', scopes: ['read', 'export'], expiresInDays: 90 }),
    });
    expect(token.status).toBe(201);
    const backup = await server.cli(['backup', '--json']);
    expect(backup.code, backup.stderr).toBe(0);
    // The account is set up once; each device then signs in with it.
    const context = await newContext(browser, { viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    await setUpAccount(await newAdminPage(context), await createSetupLink(server, ADMIN.email), ADMIN);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await server?.close();
  });

  /** A fresh device; CSP bypassed only so axe-core can be injected. */
  async function signedIn(size: Size): Promise<Page> {
    const context = await newContext(browser, { ...SIZES[size], bypassCSP: true });
    contexts.push(context);
    const page = await newAdminPage(context);
    await signIn(page, server.url, ADMIN.email);
    await page.getByTestId('signed-in').waitFor();
    return page;
  }

  /** Every screen is checked in full before the test fails, so one run names every problem. */
  let problems: string[] = [];
  async function checkScreen(page: Page, name: string): Promise<void> {
    await screenshot(page, `admin-screens/${name}`);
    for (const check of [expectNoAxeViolations, expectNoSidewaysScroll]) {
      await check(page, name).catch((failure: Error) => problems.push(failure.message));
    }
  }

  /** The navigation collapses behind a menu button on a phone. */
  async function goTo(page: Page, section: (typeof SECTIONS)[number]): Promise<void> {
    const menu = page.getByRole('button', { name: 'Menu' });
    if (await menu.isVisible()) await menu.click();
    await openSection(page, section);
  }

  for (const size of Object.keys(SIZES) as Size[]) {
    it(`passes axe-core and scrolls no page sideways on a ${size}`, async () => {
      problems = [];
      const page = await signedIn(size);
      for (const section of SECTIONS) {
        await goTo(page, section);
        if (section === 'Enrollments') await waitForList(page);
        await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
        await checkScreen(page, `${size}-${section.toLowerCase().replace(' ', '-')}`);
      }

      await goTo(page, 'Enrollments');
      await waitForList(page);
      await page.getByRole('link', { name: LONG_NAME, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: LONG_NAME }).waitFor();
      await checkScreen(page, `${size}-detail`);
      const language = page.locator('.answer').filter({ hasText: "Technician's language" });
      expect(await language.locator('dd').textContent()).toBe('Spanish');

      await page
        .getByRole('button', { name: 'Approve…' })
        .click({ timeout: 5000 })
        .catch(() => problems.push('no Approve… button'));
      await page
        .getByRole('dialog', { name: 'Approve enrollment' })
        .waitFor({ timeout: 5000 })
        .catch(() => undefined);
      await checkScreen(page, `${size}-approve-dialog`);
      expect(adminErrorsOf(page)).toEqual([]);
      expect(problems).toEqual([]);
    });
  }
});
