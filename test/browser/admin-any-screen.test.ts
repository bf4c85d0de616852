/**
 * The control center on a laptop (1366×768) and a tablet (768×1024): Approve asks before it
 * acts, Delete and Purge sit in their own danger zone at the foot of the page, long values wrap
 * inside their cell, the list turns into cards below 900 px (nothing hidden in a sideways
 * scroll), done checklist tasks read as done rather than cancelled, and the settings name tasks
 * by their labels, never by internal keys.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders } from '../support/app-harness.js';
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
  startAdminServer,
  waitForList,
} from './support/admin-page.js';
import { launchChromium, newContext, shouldSkipBrowserTests } from './support/browser.js';
import { computedStyle } from './support/page-checks.js';
import { screenshot } from './support/wizard-page.js';

const ADMIN = { email: 'odile.admin@example.com', name: 'Odile Admin' };
const LONG_NAME = 'Bartholomew Alexander Montgomery-Fairweather';
const LONG_EMAIL = 'bartholomew.alexander.montgomery-fairweather@regional-field-services.example.com';

/** Elements matching `selector` whose content is wider than their box (text running out of them). */
async function overflowingBoxes(page: Page, selector: string): Promise<string[]> {
  return page
    .locator(selector)
    .evaluateAll((elements) =>
      elements
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.tagName} "${(el.textContent ?? '').slice(0, 40)}" ${el.scrollWidth}>${el.clientWidth}`),
    );
}

async function statusOnServer(server: AdminServer, id: string): Promise<string> {
  const response = await fetch(`${server.url}/api/admin/enrollments/${id}`, { headers: adminHeaders() });
  return ((await response.json()) as { enrollment: { status: string } }).enrollment.status;
}

describe.skipIf(shouldSkipBrowserTests())('admin control center on any screen', () => {
  let server: AdminServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let long: { id: string };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAdminServer(), launchChromium()]);
    const files = await makeSubmissionFiles(8_000);
    long = await submit(server.url, files, { fullName: LONG_NAME, email: LONG_EMAIL, techId: 'BM-1' });
    await submit(server.url, files, { fullName: 'Nia Park', techId: 'NP-2' });
    context = await newContext(browser, { viewport: { width: 1366, height: 768 } });
    page = await newAdminPage(context);
    await setUpAccount(page, await createSetupLink(server, ADMIN.email), ADMIN);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('wraps long values inside their cells on a laptop and keeps the list a table there', async () => {
    await openSection(page, 'Enrollments');
    await waitForList(page);
    await page.locator('.column-chooser summary').click();
    await page.getByRole('checkbox', { name: 'Email', exact: true }).check();
    await page.getByText(LONG_EMAIL, { exact: true }).waitFor();
    expect(await overflowingBoxes(page, '.enrollment-table th, .enrollment-table td')).toEqual([]);
    // Each cell stays within its column: the long name ends before the next column starts.
    const row = page.getByTestId('enrollment-row').filter({ hasText: LONG_NAME });
    const [nameBox, nextBox] = await Promise.all([
      row.locator('th').boundingBox(),
      row.locator('td').first().boundingBox(),
    ]);
    expect((nameBox?.x ?? 0) + (nameBox?.width ?? 0)).toBeLessThanOrEqual((nextBox?.x ?? 0) + 0.5);
    expect(await page.locator('.enrollment-table thead').isVisible()).toBe(true);
    expect(await computedStyle(page.getByTestId('enrollment-row').first(), 'display')).toBe('table-row');
    await screenshot(page, 'admin-any-screen/laptop-list-long-values');
  });

  it('turns the list into cards on a tablet, with nothing in a sideways scroll and sorting kept', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    const scroller = page.locator('.table-scroll').first();
    expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect(await overflowingBoxes(page, '.enrollment-table th, .enrollment-table td')).toEqual([]);
    expect(await computedStyle(page.getByTestId('enrollment-row').first(), 'display')).toBe('grid');
    // Every chosen column is on the card, under its name.
    const card = page.getByTestId('enrollment-row').filter({ hasText: LONG_NAME });
    expect(await card.getByText(LONG_EMAIL, { exact: true }).isVisible()).toBe(true);
    expect(await card.locator('td[data-label="VIN"]').isVisible()).toBe(true);
    // The headers are still there as sort buttons.
    await page.getByRole('button', { name: /^Name/ }).click();
    await expect.poll(() => page.url()).toContain('sort=');
    await waitForList(page);
    await screenshot(page, 'admin-any-screen/tablet-list-cards');
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('asks before approving; cancelling changes nothing', async () => {
    await openEnrollment(page, LONG_NAME);
    expect(await overflowingBoxes(page, '.field-group dd, .detail-summary, h1')).toEqual([]);
    await page.getByRole('button', { name: 'Approve…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve enrollment' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(LONG_NAME);
    await screenshot(page, 'admin-any-screen/approve-confirmation');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await statusOnServer(server, long.id)).toBe('pending');

    await page.getByRole('button', { name: 'Approve…' }).click();
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('announcement').textContent()).toBe('Enrollment approved.');
    expect(await statusOnServer(server, long.id)).toBe('approved');
  });

  it('keeps Delete and Purge in a marked danger zone at the foot of the page, apart from the decisions', async () => {
    const actions = page.getByRole('region', { name: 'Actions' });
    const danger = page.getByRole('region', { name: 'Danger zone' });
    for (const name of ['Delete…', 'Purge…']) {
      expect(await actions.getByRole('button', { name }).count(), name).toBe(0);
      expect(await danger.getByRole('button', { name }).count(), name).toBe(1);
    }
    expect(await actions.getByRole('button', { name: 'Reject…' }).count()).toBe(1);
    // Nothing of the page comes after it, and it is framed in red.
    const last = await page.locator('main > *').last().getAttribute('data-testid');
    expect(last).toBe('danger-zone');
    expect(await computedStyle(danger, 'border-top-color')).toBe('rgb(180, 35, 24)');
    // Purge is an outlined button like Delete, not a solid red one beside Approve.
    expect(await computedStyle(danger.getByRole('button', { name: 'Purge…' }), 'background-color')).not.toBe(
      'rgb(180, 35, 24)',
    );
    await danger.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-any-screen/danger-zone');
  });

  it('shows a done checklist task with a tick in normal text, not struck through', async () => {
    const task = 'Enrollment approved and synced to the dashboard';
    await page.getByRole('checkbox', { name: task }).check();
    await expect.poll(() => page.getByRole('checkbox', { name: task }).isChecked()).toBe(true);
    const item = page.locator('.checklist li.done');
    await item.first().waitFor();
    const label = item.first().locator('.task-label');
    expect(await computedStyle(label, 'text-decoration-line')).toBe('none');
    expect(await computedStyle(label, 'opacity')).toBe('1');
    expect(await computedStyle(label, 'content', '::before')).toContain('✓');
    await screenshot(page, 'admin-any-screen/checklist-done');
  });

  it('names checklist tasks by their labels in the settings, never by internal keys', async () => {
    await openSection(page, 'Settings');
    await page.locator('.task-row input').first().waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Enrollment approved and synced to the dashboard');
    // No task key (approved_synced and the like) shows; upper-case setting names may.
    expect(text.match(/\b[a-z0-9]+_[a-z0-9_]+\b/g)).toBeNull();
    expect(adminErrorsOf(page)).toEqual([]);
  });
});
