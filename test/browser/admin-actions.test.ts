/**
 * The review decisions that need words from the admin, in Chromium at 1280×800: request changes
 * (and hand the technician a working link to their pre-filled form), reject with a reason,
 * soft delete and restore, purge behind a typed reference, and a refusal from the server shown
 * plainly. Dialogs take focus, close with Esc and give focus back.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders } from '../support/app-harness.js';
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
  startAdminServer,
  viewportScreenshot,
  waitForList,
} from './support/admin-page.js';
import { launchChromium, newContext, shouldSkipBrowserTests } from './support/browser.js';
import { screenshot } from './support/wizard-page.js';

const ADMIN = { email: 'ines.admin@example.com', name: 'Ines Admin' };

async function statusOf(page: Page): Promise<string | null> {
  return page.locator('.detail-summary .badge').first().textContent();
}

async function announcement(page: Page): Promise<string | null> {
  return page.getByTestId('announcement').textContent();
}

async function showStatus(page: Page, status: string) {
  await page.getByRole('search', { name: 'Enrollments' }).getByLabel('Status').selectOption(status);
  await waitForList(page);
}

async function rowNames(page: Page): Promise<string[]> {
  return page.locator('[data-testid="enrollment-row"] th').allTextContents();
}

describe.skipIf(shouldSkipBrowserTests())('admin control center: review decisions and deletion', () => {
  let server: AdminServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const seeded: Record<string, { id: string; reference: string }> = {};

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAdminServer(), launchChromium()]);
    const files = await makeSubmissionFiles(8_000);
    seeded.reza = await submit(server.url, files, { fullName: 'Reza Karimi', techId: 'RK-1' });
    seeded.sofia = await submit(server.url, files, { fullName: 'Sofia Brandt', techId: 'SB-2' });
    seeded.tom = await submit(server.url, files, { fullName: 'Tom Okafor', techId: 'TO-3' });
    context = await newContext(browser, { viewport: { width: 1280, height: 800 } });
    page = await newAdminPage(context);
    await setUpAccount(page, await createSetupLink(server, ADMIN.email), ADMIN);
    await openSection(page, 'Enrollments');
    await waitForList(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('requests changes with a message and fields, and shows a working link for the technician', async () => {
    await openEnrollment(page, 'Reza Karimi');
    const opener = page.getByRole('button', { name: 'Request changes…' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Request changes' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Message to the technician').evaluate((el) => el.matches(':focus'))).toBe(true);
    // Esc closes without doing anything, and focus goes back to the button.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await opener.evaluate((el) => el.matches(':focus'))).toBe(true);

    await opener.click();
    const send = dialog.getByRole('button', { name: 'Request changes', exact: true });
    expect(await send.isDisabled()).toBe(true);
    await dialog
      .getByLabel('Message to the technician')
      .fill('The VIN looks mistyped; please upload a readable insurance card.');
    await dialog.getByRole('checkbox', { name: 'VIN', exact: true }).check();
    await dialog.getByRole('checkbox', { name: 'Insurance card or declarations' }).check();
    await viewportScreenshot(page, 'admin-9-request-changes-dialog');
    await send.click();
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(() => statusOf(page)).toBe('Changes requested');
    const panel = page.getByRole('region', { name: 'Changes requested' });
    expect(await panel.textContent()).toContain('Fields: VIN, Insurance card or declarations');
    const link = await panel.getByRole('textbox').inputValue();
    const resume = new URL(link);
    expect(resume.protocol).toMatch(/^https?:$/);
    const code = resume.searchParams.get('resume') as string;
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(await panel.getByRole('button', { name: 'Copy link' }).count()).toBe(1);
    await screenshot(page, 'admin-10-changes-requested');

    // The link opens the technician's form, pre-filled from the enrollment.
    const draft = await fetch(`${server.url}/api/drafts/${code}`);
    expect(draft.status).toBe(200);
    expect(((await draft.json()) as { data: { fullName: string } }).data.fullName).toBe('Reza Karimi');
  });

  it('shows a refusal from the server plainly', async () => {
    // Someone else deletes the enrollment while this page is open.
    const response = await fetch(`${server.url}/api/admin/enrollments/${seeded.reza?.id}`, {
      method: 'DELETE',
      headers: adminHeaders(),
    });
    expect(response.status).toBe(200);
    const dialog = await approveWithConfirmation(page);
    // The refusal shows in the dialog, which stays open.
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('restore it first');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.reload();
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => announcement(page)).toBe('Enrollment restored.');
    expect(await page.getByRole('button', { name: 'Approve…' }).count()).toBe(1);
  });

  it('rejects with a reason that the history records', async () => {
    await page.getByRole('link', { name: '← All enrollments' }).click();
    await waitForList(page);
    await openEnrollment(page, 'Sofia Brandt');
    await page.getByRole('button', { name: 'Reject…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reject enrollment' });
    await dialog
      .getByLabel('Reason (recorded in the history)')
      .fill('The vehicle is not registered to the technician.');
    await dialog.getByRole('button', { name: 'Reject', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => statusOf(page)).toBe('Rejected');
    await expect.poll(() => announcement(page)).toBe('Enrollment rejected.');
    const history = page.getByTestId('audit-table');
    await expect.poll(() => history.textContent()).toContain('Enrollment rejected');
    expect(await history.textContent()).toContain('not registered to the technician');
    expect(await history.textContent()).toContain(ADMIN.email);
  });

  it('deletes softly, finds it under "Deleted", restores it, then purges it behind its typed reference', async () => {
    await page.getByRole('link', { name: '← All enrollments' }).click();
    await waitForList(page);
    await openEnrollment(page, 'Tom Okafor');
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page
      .getByRole('dialog', { name: 'Delete enrollment' })
      .getByRole('button', { name: 'Delete', exact: true })
      .click();
    await expect.poll(() => statusOf(page)).toBe('Pending · deleted');
    await page.getByText(/^Deleted .* by ines\.admin@example\.com/).waitFor();

    await page.getByRole('link', { name: '← All enrollments' }).click();
    await waitForList(page);
    expect(await rowNames(page)).not.toContain('Tom Okafor');
    await showStatus(page, 'deleted');
    await expect.poll(() => rowNames(page)).toEqual(['Tom Okafor']);
    await openEnrollment(page, 'Tom Okafor');
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => statusOf(page)).toBe('Pending');

    await page.getByRole('button', { name: 'Purge…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Purge enrollment permanently' });
    const confirm = dialog.getByRole('button', { name: 'Purge permanently' });
    const reference = seeded.tom?.reference as string;
    await dialog.getByLabel(/Type the reference/).fill('BYOV-WRONG');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/Type the reference/).fill(reference.toLowerCase());
    await viewportScreenshot(page, 'admin-11-purge-dialog');
    await confirm.click();
    await page.getByRole('heading', { level: 1, name: 'Enrollments' }).waitFor();
    await expect.poll(() => announcement(page)).toBe(`Enrollment ${reference} purged permanently.`);
    await showStatus(page, 'all');
    await expect.poll(() => rowNames(page)).toEqual(expect.arrayContaining(['Reza Karimi', 'Sofia Brandt']));
    expect(await rowNames(page)).not.toContain('Tom Okafor');
    const gone = await fetch(`${server.url}/api/admin/enrollments/${seeded.tom?.id}`, { headers: adminHeaders() });
    expect(gone.status).toBe(404);
    expect(adminErrorsOf(page)).toEqual([]);
  });
});
