/**
 * An admin's day in the control center, in Chromium at 1280×800: the first admin is created
 * from a one-time setup link, signs in, finds enrollments (search, filters, sorting, pages, all
 * kept in the address), chooses columns that stay chosen, exports CSV, opens an enrollment
 * (signed PDF inline, photos in a lightbox with zoom and keyboard), approves it and ticks
 * checklist tasks that are still ticked after a reload.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/admin-session.js';
import { makeSubmissionFiles } from '../support/fixtures.js';
import { submit } from '../support/submit.js';
import {
  type AdminServer,
  adminErrorsOf,
  approveWithConfirmation,
  createSetupLink,
  newAdminPage,
  openEnrollment,
  openSection,
  setUpAccount,
  signIn,
  startAdminServer,
  viewportScreenshot,
  waitForList,
} from './support/admin-page.js';
import { launchChromium, newContext, shouldSkipBrowserTests } from './support/browser.js';
import { screenshot } from './support/wizard-page.js';

const DESKTOP_1280 = { viewport: { width: 1280, height: 800 } };
const ADMIN = { email: 'ada.admin@example.com', name: 'Ada Admin' };
const SOON = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);

/** Seven technicians: enough to page at 25 only with many, so paging is checked on names instead. */
const TECHNICIANS = [
  { fullName: 'Dana Whitfield', techId: 'DW-2044', state: 'TX', make: 'Honda' },
  { fullName: 'Aaron Zimmer', techId: 'AZ-1', state: 'CA' },
  { fullName: 'Maria Lopez', techId: 'ML-7', state: 'IL', insuranceExpiration: SOON },
  { fullName: 'Łukasz Nuñez', techId: 'TX-1001', state: 'IL', make: 'Toyota' },
];

async function textsOf(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).allTextContents();
}

function filters(page: Page) {
  return page.getByRole('search', { name: 'Enrollments' });
}

async function rowNames(page: Page): Promise<string[]> {
  return textsOf(page, '[data-testid="enrollment-row"] th');
}

describe.skipIf(shouldSkipBrowserTests())('admin control center: finding and reviewing enrollments', () => {
  let server: AdminServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAdminServer(), launchChromium()]);
    const files = await makeSubmissionFiles(20_000);
    for (const technician of TECHNICIANS) await submit(server.url, files, technician);
    context = await newContext(browser, DESKTOP_1280);
    page = await newAdminPage(context);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('creates the first admin from a one-time setup link and shows who is signed in', async () => {
    const link = await createSetupLink(server, ADMIN.email);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Set up your admin account' }).waitFor();
    // A short password is refused before anything is sent.
    await page.getByLabel('Password', { exact: true }).fill('too short');
    await page.getByRole('button', { name: 'Set up account and sign in' }).click();
    await page.getByText('Use at least 12 characters.').first().waitFor();
    await screenshot(page, 'admin-1-setup');

    await setUpAccount(page, link, ADMIN);
    const header = page.getByTestId('signed-in');
    await expect.poll(() => header.textContent()).toContain(ADMIN.name);
    expect(await header.textContent()).toContain('Admin');
    // The spent token is gone from the address bar.
    expect(new URL(page.url()).pathname).toBe('/admin');
    expect(page.url()).not.toContain('token');

    await page.getByRole('heading', { name: 'Enrollments by status' }).waitFor();
    const pending = page.getByRole('link', { name: /Pending/ }).first();
    expect(await pending.textContent()).toContain('4');
    await page.getByRole('heading', { name: 'Submissions per week' }).waitFor();
    await screenshot(page, 'admin-2-overview');
  });

  it('signs out, refuses a wrong password, and signs back in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the admin control center' }).waitFor();
    await signIn(page, server.url, ADMIN.email, 'not the password at all');
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toContain('Wrong email or password');
    await screenshot(page, 'admin-3-sign-in-error');
    await signIn(page, server.url, ADMIN.email, PASSWORD);
    await page.getByTestId('signed-in').waitFor();
  });

  it('searches by name, tech ID or VIN and filters, with the filters kept in the address', async () => {
    await openSection(page, 'Enrollments');
    await waitForList(page);
    expect(await page.getByTestId('result-count').textContent()).toBe('4 enrollments');
    // The heading took focus when the page changed.
    expect(await page.locator('main h1:focus').count()).toBe(1);

    await filters(page).getByLabel('Search').fill('dw-2044');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => rowNames(page)).toEqual(['Dana Whitfield']);
    expect(new URL(page.url()).searchParams.get('search')).toBe('dw-2044');

    await filters(page).getByLabel('Search').fill('');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await filters(page).getByLabel('State').selectOption('IL');
    await expect.poll(() => rowNames(page)).toHaveLength(2);
    await filters(page).getByLabel('Insurance or registration').selectOption('expiring');
    await expect.poll(() => rowNames(page)).toEqual(['Maria Lopez']);
    const params = new URL(page.url()).searchParams;
    expect([params.get('state'), params.get('expiry'), params.get('expiringWithinDays')]).toEqual([
      'IL',
      'expiring',
      '30',
    ]);
    await screenshot(page, 'admin-4-list-filtered');

    // Back undoes the last filter; a reload keeps what the address says.
    await page.goBack();
    await expect.poll(() => rowNames(page)).toHaveLength(2);
    expect(await filters(page).getByLabel('Insurance or registration').inputValue()).toBe('');
    await page.reload();
    await expect.poll(() => rowNames(page)).toHaveLength(2);
    expect(await filters(page).getByLabel('State').inputValue()).toBe('IL');
    await page.goForward();
    await expect.poll(() => rowNames(page)).toEqual(['Maria Lopez']);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rowNames(page)).toHaveLength(4);
  });

  it('sorts by a column header and says so with aria-sort; pages of 25, 50 or 100', async () => {
    const nameHeader = page.getByRole('columnheader', { name: /^Name/ });
    expect(await nameHeader.getAttribute('aria-sort')).toBe('none');
    await nameHeader.getByRole('button').click();
    await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => rowNames(page)).toEqual(['Aaron Zimmer', 'Dana Whitfield', 'Maria Lopez', 'Łukasz Nuñez']);
    await nameHeader.getByRole('button').click();
    await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(async () => (await rowNames(page))[0]).toBe('Łukasz Nuñez');
    expect(new URL(page.url()).searchParams.get('sort')).toBe('full_name');

    await page.getByLabel('Per page').selectOption('50');
    await expect.poll(() => new URL(page.url()).searchParams.get('pageSize')).toBe('50');
    expect(await page.getByRole('navigation', { name: 'Pages of enrollments' }).textContent()).toContain('Page 1 of 1');
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
  });

  it('shows compliance and checklist progress, and remembers the chosen columns for this admin', async () => {
    const dana = page.getByTestId('enrollment-row').filter({ hasText: 'Dana Whitfield' });
    expect(await dana.locator('[data-compliance]').textContent()).toBe('Needs attention');
    expect(await dana.locator('.checklist-count').textContent()).toContain('0/6');

    await page.locator('.column-chooser summary').click();
    await page.getByRole('checkbox', { name: 'Email', exact: true }).check();
    await page.getByRole('checkbox', { name: 'VIN', exact: true }).uncheck();
    await expect.poll(() => page.getByTestId('columns-saved').textContent()).toBe('Saved for your account.');
    await screenshot(page, 'admin-5-list-columns');

    await page.reload();
    await waitForList(page);
    const headers = await textsOf(page, '.enrollment-table thead th');
    expect(headers.some((h) => h.startsWith('Email'))).toBe(true);
    expect(headers.some((h) => h.startsWith('VIN'))).toBe(false);
  });

  it('exports the filtered list as CSV: BOM, header and the matching row', async () => {
    await filters(page).getByLabel('Search').fill('Whitfield');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => rowNames(page)).toEqual(['Dana Whitfield']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^byov-enrollments-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path()) as string, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^"Reference","Tech ID","Revision","Full name","Status"/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Dana Whitfield');
    expect(lines[1]).toContain('DW-2044');
  });

  it('shows every field, the VIN check, the signed PDF inline and the photos in a zoomable lightbox', async () => {
    const documentResponses: { url: string; status: number; type: string }[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/admin/documents/')) {
        documentResponses.push({
          url: new URL(response.url()).pathname,
          status: response.status(),
          type: response.headers()['content-type'] ?? '',
        });
      }
    });
    await filters(page).getByLabel('Search').fill('');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await waitForList(page);
    await openEnrollment(page, 'Łukasz Nuñez');
    await page.getByRole('heading', { name: 'VIN check' }).waitFor();
    expect(await page.getByTestId('vin-mismatch').textContent()).toContain('make');
    for (const text of ['TX-1001', 'Acme Mutual', 'PN-778812', 'Available for weekend calls.']) {
      expect(await page.getByText(text, { exact: true }).count(), text).toBeGreaterThan(0);
    }

    const viewer = page.getByTestId('policy-viewer');
    const pdfPath = (await viewer.getAttribute('src')) as string;
    await expect
      .poll(() => documentResponses.find((r) => r.url === pdfPath))
      .toMatchObject({
        status: 200,
        type: 'application/pdf',
      });
    const download = page.getByRole('link', { name: /Download the signed policy/ });
    expect(await download.getAttribute('href')).toBe(pdfPath);
    await screenshot(page, 'admin-6-detail');

    const opener = page.getByRole('button', { name: 'Open photo: Front of the vehicle' });
    await opener.click();
    const lightbox = page.getByRole('dialog', { name: 'Photos' });
    await lightbox.waitFor();
    const caption = page.getByTestId('lightbox-caption');
    expect(await caption.textContent()).toMatch(/^Photo 1 of \d+: Front of the vehicle · Zoom 100%$/);
    const image = page.getByTestId('lightbox-image');
    await expect.poll(async () => (await image.boundingBox())?.width ?? 0).toBeGreaterThan(0);
    const fitted = (await image.boundingBox())?.width ?? 0;

    await page.keyboard.press('+');
    await expect.poll(() => caption.textContent()).toContain('Zoom 150%');
    await expect.poll(async () => (await image.boundingBox())?.width ?? 0).toBeGreaterThan(fitted * 1.4);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => caption.textContent()).toContain('Zoom 200%');
    await viewportScreenshot(page, 'admin-7-lightbox-zoomed');
    await page.keyboard.press('-');
    await expect.poll(() => caption.textContent()).toContain('Zoom 150%');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => caption.textContent()).toMatch(/Photo 2 of \d+: Back of the vehicle · Zoom 100%/);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => caption.textContent()).toMatch(/Insurance card or declarations/);

    // Focus never leaves the open lightbox.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      expect(await page.locator('dialog[open] :focus').count()).toBe(1);
    }
    await page.keyboard.press('Escape');
    await lightbox.waitFor({ state: 'hidden' });
    expect(await opener.evaluate((el) => el.matches(':focus'))).toBe(true);

    // The insurance PDF opens in place, from its document URL.
    await page.getByRole('button', { name: /^View Insurance card or declarations/ }).click();
    const inline = page.locator('iframe.pdf-inline');
    const inlinePath = (await inline.getAttribute('src')) as string;
    await expect.poll(() => documentResponses.find((r) => r.url === inlinePath)?.type).toBe('application/pdf');
    expect(adminErrorsOf(page)).toEqual([]);
  });

  it('approves, then ticks checklist tasks that record who and when and stay ticked after a reload', async () => {
    await approveWithConfirmation(page);
    await expect.poll(() => page.getByTestId('announcement').textContent()).toBe('Enrollment approved.');
    await expect.poll(() => page.locator('.detail-summary .badge').first().textContent()).toBe('Approved');
    await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('Enrollment approved');
    expect(await page.getByTestId('audit-table').textContent()).toContain(ADMIN.email);
    // An approved enrollment takes no second approval.
    expect(await page.getByRole('button', { name: 'Approve…' }).count()).toBe(0);

    for (const task of ['Enrollment approved and synced to the dashboard', 'Mileage form created']) {
      await page.getByRole('checkbox', { name: task }).check();
      await expect.poll(() => page.getByRole('checkbox', { name: task }).isChecked()).toBe(true);
    }
    await expect.poll(() => page.getByTestId('checklist-progress').textContent()).toBe('2 of 6 tasks done');
    expect(await page.locator('.task-done').first().textContent()).toContain(`Done by ${ADMIN.email}`);
    await screenshot(page, 'admin-8-approved-checklist');

    await page.reload();
    await page.getByTestId('checklist-progress').waitFor();
    expect(await page.getByTestId('checklist-progress').textContent()).toBe('2 of 6 tasks done');
    expect(await page.getByRole('checkbox', { name: 'Mileage form created' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Fleet and inventory notified' }).isChecked()).toBe(false);

    await page.getByRole('link', { name: '← All enrollments' }).click();
    await waitForList(page);
    const row = page.getByTestId('enrollment-row').filter({ hasText: 'Łukasz Nuñez' });
    expect(await row.locator('.badge').textContent()).toBe('Approved');
    expect(await row.locator('.checklist-count').textContent()).toContain('2/6');
    expect(adminErrorsOf(page)).toEqual([]);
  });
});
