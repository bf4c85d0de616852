/**
 * Accounts and roles, in Chromium at 1280×800: an admin adds a reviewer (who sets up their
 * account from the one-time link on another device); the reviewer sees no admin-only page or
 * button and the server answers 403 when asked anyway; state changes carry the CSRF token;
 * disabling the reviewer ends their session and a role change shows on their next load;
 * repeated wrong passwords lock sign-in with a message saying so.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSubmissionFiles } from '../support/fixtures.js';
import { submit } from '../support/submit.js';
import {
  type AdminServer,
  adminErrorsOf,
  createSetupLink,
  newAdminPage,
  openEnrollment,
  openSection,
  setUpAccount,
  setupAddress,
  signIn,
  startAdminServer,
  waitForList,
} from './support/admin-page.js';
import { launchChromium, newContext, shouldSkipBrowserTests } from './support/browser.js';
import { screenshot } from './support/wizard-page.js';

const VIEWPORT = { viewport: { width: 1280, height: 800 } };
const ADMIN = { email: 'olga.admin@example.com', name: 'Olga Admin' };
const REVIEWER = { email: 'rex.reviewer@example.com', name: 'Rex Reviewer' };

interface PageAnswer {
  status: number;
  body: { error?: { code?: string } } | null;
}

/** A request made by the page itself, with its cookie (as a script in the page could). */
async function fetchFromPage(page: Page, url: string, method = 'GET'): Promise<PageAnswer> {
  return page.evaluate(
    async ([target, verb]) => {
      const response = await fetch(target as string, { method: verb as string });
      const body = (await response.json().catch(() => null)) as PageAnswer['body'];
      return { status: response.status, body };
    },
    [url, method],
  );
}

describe.skipIf(shouldSkipBrowserTests())('admin control center: accounts, roles and sign-in', () => {
  let server: AdminServer;
  let browser: Browser;
  let adminContext: BrowserContext;
  let reviewerContext: BrowserContext;
  let admin: Page;
  let reviewer: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAdminServer(), launchChromium()]);
    await submit(server.url, await makeSubmissionFiles(8_000), { fullName: 'Petra Quinn', techId: 'PQ-5' });
    adminContext = await newContext(browser, VIEWPORT);
    reviewerContext = await newContext(browser, VIEWPORT);
    admin = await newAdminPage(adminContext);
    reviewer = await newAdminPage(reviewerContext);
    await setUpAccount(admin, await createSetupLink(server, ADMIN.email), ADMIN);
  });

  afterAll(async () => {
    await adminContext?.close();
    await reviewerContext?.close();
    await browser?.close();
    await server?.close();
  });

  it('lets an admin add a reviewer, whose one-time link sets up their account', async () => {
    await openSection(admin, 'Users');
    await admin.getByLabel('Email').fill(REVIEWER.email);
    await admin.getByLabel('Role', { exact: true }).selectOption('reviewer');
    await admin.getByRole('button', { name: 'Add user' }).click();
    const link = await admin.getByRole('textbox', { name: 'Setup link' }).inputValue();
    expect(link).toMatch(/\/admin\/setup\?token=/);
    const users = admin.getByTestId('users-table');
    await expect.poll(() => users.textContent()).toContain(REVIEWER.email);
    expect(await users.textContent()).toContain('Invited (setup link not used yet)');
    await screenshot(admin, 'admin-14-users');

    await setUpAccount(reviewer, setupAddress(server, link), REVIEWER);
    expect(await reviewer.getByTestId('signed-in').textContent()).toContain('Reviewer');
    await admin.reload();
    await expect.poll(() => admin.getByTestId('users-table').textContent()).not.toContain('Invited');
  });

  it('shows a reviewer no admin-only page or button, and the server refuses them anyway', async () => {
    const nav = reviewer.getByRole('navigation', { name: 'Control center' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Overview', 'Enrollments']);

    await openSection(reviewer, 'Enrollments');
    await waitForList(reviewer);
    await openEnrollment(reviewer, 'Petra Quinn');
    for (const allowed of ['Approve…', 'Reject…', 'Request changes…']) {
      expect(await reviewer.getByRole('button', { name: allowed, exact: true }).count(), allowed).toBe(1);
    }
    for (const adminOnly of ['Delete…', 'Restore', 'Purge…']) {
      expect(await reviewer.getByRole('button', { name: adminOnly, exact: true }).count(), adminOnly).toBe(0);
    }
    expect(await reviewer.getByRole('region', { name: 'Danger zone' }).count()).toBe(0);

    // Every state change carries the session's CSRF token.
    const tick = reviewer.waitForRequest((r) => r.url().includes('/checklist/') && r.method() === 'PUT');
    await reviewer.getByRole('checkbox', { name: 'Mileage form created' }).check();
    expect((await tick).headers()['x-csrf-token']).toMatch(/\S{16,}/);
    await expect.poll(() => reviewer.getByTestId('checklist-progress').textContent()).toBe('1 of 6 tasks done');
    await screenshot(reviewer, 'admin-15-reviewer-detail');

    await reviewer.goto(`${server.url}/admin/backups`);
    await reviewer.getByRole('heading', { level: 1, name: 'Not available' }).waitFor();
    for (const url of ['/api/admin/users', '/api/admin/backups', '/api/admin/settings/checklist']) {
      const answer = await fetchFromPage(reviewer, url);
      expect(answer.status, url).toBe(403);
      expect(answer.body?.error?.code).toBe('FORBIDDEN');
    }
    // Without the CSRF token even an allowed change is refused.
    const forged = await fetchFromPage(reviewer, '/api/admin/preferences', 'PUT');
    expect(forged.status).toBe(403);
    expect(adminErrorsOf(reviewer)).toEqual([]);
  });

  it('ends the reviewer’s session when an admin disables the account', async () => {
    await admin.getByRole('button', { name: `Disable ${REVIEWER.email}` }).click();
    await expect.poll(() => admin.getByTestId('users-table').textContent()).toContain('Disabled');

    await reviewer.getByRole('link', { name: 'Overview' }).click();
    await reviewer.getByText('Your session has ended. Sign in again to continue.').waitFor();
    await signIn(reviewer, server.url, REVIEWER.email);
    await expect.poll(() => reviewer.getByTestId('sign-in-error').textContent()).toContain('Wrong email or password');

    await admin.getByRole('button', { name: `Enable ${REVIEWER.email}` }).click();
    await expect.poll(() => admin.getByTestId('users-table').textContent()).not.toContain('Disabled');
    await signIn(reviewer, server.url, REVIEWER.email);
    await reviewer.getByTestId('signed-in').waitFor();
  });

  it('changes a role, which the person sees on their next page load', async () => {
    await admin.getByLabel(`Role of ${REVIEWER.email}`).selectOption('admin');
    await expect.poll(() => admin.getByTestId('announcement').textContent()).toBe(`${REVIEWER.email} is now admin.`);
    await reviewer.reload();
    const nav = reviewer.getByRole('navigation', { name: 'Control center' });
    await expect.poll(() => nav.getByRole('link').allTextContents()).toContain('Backups');
    expect(await reviewer.getByTestId('signed-in').textContent()).toContain('Admin');
  });

  it('locks sign-in after repeated failures and says when to try again', async () => {
    const page = await newAdminPage(await newContext(browser, VIEWPORT));
    const error = page.getByTestId('sign-in-error');
    for (let attempt = 0; attempt < 6; attempt++) {
      await signIn(page, server.url, 'mallory@example.com', `guess number ${attempt}`);
      await expect.poll(() => error.textContent()).toMatch(/Wrong email or password|locked/);
      if ((await error.textContent())?.includes('locked')) break;
    }
    expect(await error.textContent()).toMatch(/^Sign-in is locked for now\. Too many failed sign-ins\. Try again in/);
    await screenshot(page, 'admin-16-sign-in-locked');
  });
});
