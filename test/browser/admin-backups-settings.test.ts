/**
 * The admin-only pages, in Chromium at 1280×800. Backups: "Back up now" shows its progress and
 * ends in a verified backup, Verify re-checks one (and shows the problems of a damaged one),
 * the archive downloads as a real .tar.gz, the restore steps name the CLI commands, and the
 * overview then reports the backup's age. Settings: the checklist is edited, kept, and given to
 * the next enrollment.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSubmissionFiles, type SubmissionFiles } from '../support/fixtures.js';
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
import { screenshot } from './support/wizard-page.js';

const execFileAsync = promisify(execFile);

describe.skipIf(shouldSkipBrowserTests())('admin control center: backups and settings', () => {
  let server: AdminServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let files: SubmissionFiles;
  let backupName: string;

  beforeAll(async () => {
    [server, browser, files] = await Promise.all([startAdminServer(), launchChromium(), makeSubmissionFiles(8_000)]);
    await submit(server.url, files, { fullName: 'Vera Holm', techId: 'VH-9' });
    context = await newContext(browser, { viewport: { width: 1280, height: 800 } });
    page = await newAdminPage(context);
    const email = 'bea.admin@example.com';
    await setUpAccount(page, await createSetupLink(server, email), { email, name: 'Bea Admin' });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('warns on the overview while there is no verified backup', async () => {
    await page.getByTestId('backup-warning').waitFor();
    expect(await page.getByTestId('backup-warning').textContent()).toContain('no verified backup');
  });

  it('backs up now with progress, lists the backup as verified, and explains how to restore', async () => {
    await openSection(page, 'Backups');
    await page.getByText('No backups yet.').waitFor();
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page.getByTestId('backup-progress').waitFor();
    expect(await page.getByTestId('backup-progress').textContent()).toMatch(/Backing up/);
    await screenshot(page, 'admin-17-backup-running');

    const result = page.getByTestId('backup-job-result');
    await expect.poll(() => result.textContent(), { timeout: 60_000 }).toMatch(/finished and verified/);
    backupName = (await result.locator('code').textContent()) as string;
    const row = page.getByTestId('backup-table').getByRole('row').filter({ hasText: backupName });
    await row.waitFor();
    expect(await row.textContent()).toContain('✓ Verified');
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('1');

    const restore = page.getByRole('region', { name: 'Restoring a backup' });
    expect(await restore.textContent()).toContain('npx byov restore <name>');
    expect(await restore.textContent()).toContain('Stop the server');
    await screenshot(page, 'admin-18-backups');
  });

  it('downloads a backup as a .tar.gz archive holding its folder', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: `Download archive of ${backupName}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${backupName}.tar.gz`);
    const archive = (await download.path()) as string;
    expect([...(await readFile(archive)).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const { stdout } = await execFileAsync('tar', ['-tzf', archive]);
    expect(stdout).toContain(`${backupName}/`);
  });

  it('verifies a backup again, and shows the problems of a damaged one', async () => {
    const verify = page.getByRole('button', { name: `Verify ${backupName}` });
    await verify.click();
    const row = page.getByTestId('backup-table').getByRole('row').filter({ hasText: backupName });
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain('Verified just now: no problems.');

    // Damage this backup's database copy: the next verification must say what is wrong.
    const folder = path.join(server.testApp.dataDir, 'backups', backupName);
    const manifest = JSON.parse(await readFile(path.join(folder, 'manifest.json'), 'utf8'));
    await writeFile(path.join(folder, manifest.snapshot.file), 'damaged');
    await verify.click();
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain('Problems found');
    await expect.poll(() => row.textContent()).toContain('✗ Failed');
    await screenshot(page, 'admin-19-backup-problems');
  });

  it('reports the age of the last verified backup on the overview', async () => {
    // The damaged backup no longer counts; a new one does.
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect
      .poll(() => page.getByTestId('backup-job-result').textContent(), { timeout: 60_000 })
      .toMatch(/finished and verified/);
    await openSection(page, 'Overview');
    await page.getByTestId('backup-age').waitFor();
    expect(await page.getByTestId('backup-age').textContent()).toMatch(/minutes?|hours?/);
    expect(await page.getByTestId('backup-warning').count()).toBe(0);
  });

  it('edits the onboarding checklist, keeps it, and gives it to the next enrollment', async () => {
    await openSection(page, 'Settings');
    await page.getByLabel('Task 3 label').fill('Mileage form created in the mileage app');
    await page.getByLabel('New task').fill('Badge photo taken');
    await page.getByRole('button', { name: 'Add task' }).click();
    await page.getByRole('button', { name: 'Move “Badge photo taken” up' }).click();
    await page.getByRole('button', { name: 'Move “Badge photo taken” up' }).click();
    await page.getByRole('button', { name: 'Remove “30-day survey completed”' }).click();
    await page.getByRole('button', { name: 'Save checklist' }).click();
    await expect
      .poll(() => page.getByTestId('announcement').textContent())
      .toBe('Checklist saved. New enrollments get these tasks.');
    await screenshot(page, 'admin-20-settings');

    await page.reload();
    await page.getByLabel('Task 3 label').waitFor();
    const labels = await Promise.all((await page.locator('.task-row input').all()).map((input) => input.inputValue()));
    expect(labels).toEqual([
      'Enrollment approved and synced to the dashboard',
      'Signed policy sent to HR paperwork',
      'Mileage form created in the mileage app',
      'Supplies notified for magnets',
      'Badge photo taken',
      'Fleet and inventory notified',
    ]);

    await submit(server.url, files, { fullName: 'Wim Jansen', techId: 'WJ-4' });
    await openSection(page, 'Enrollments');
    await waitForList(page);
    await openEnrollment(page, 'Wim Jansen');
    await page.getByRole('checkbox', { name: 'Badge photo taken' }).waitFor();
    expect(await page.getByRole('checkbox', { name: '30-day survey completed' }).count()).toBe(0);
    expect(adminErrorsOf(page)).toEqual([]);
  });
});
