/**
 * The approval notification, checklist e-mails and message texts in Settings, in Chromium: the
 * preview shows what the server renders from the form as it stands; a task with recipients
 * offers "Send" on the enrollment page, and the e-mail arrives.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerFirstAdminSetup } from '../../src/domain/auth/offer-first-admin-setup.js';
import { sendNow } from '../mail/support.js';
import { adminHeaders, type TestApp } from '../support/app-harness.js';
import { makeSubmissionFiles } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { submit } from '../support/submit.js';
import { adminErrorsOf, newAdminPage, openEnrollment, openSection, setUpAccount } from './support/admin-page.js';
import { launchChromium, newContext, shouldSkipBrowserTests } from './support/browser.js';
import { startWizardServer } from './support/wizard-server.js';

describe.skipIf(shouldSkipBrowserTests())('e-mail settings with previews', () => {
  let browser: Browser;
  let t: TestApp;
  let url: string;
  const sink = new SmtpSink();

  beforeAll(async () => {
    ({ testApp: t, url } = await startWizardServer({ SMTP_URL: await sink.listen(), PROGRAM_NAME: 'Fleet BYOV' }));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink.close();
  });

  it('previews and saves the approval notification, sets a task e-mail and sends it from the checklist', async () => {
    await submit(t, await makeSubmissionFiles(8_000), { techId: 'UI-MAIL-1', fullName: 'Grace Hopper' });
    const offer = await offerFirstAdminSetup({
      db: t.runtime.db,
      now: () => new Date(),
      publicUrl: t.config.publicUrl,
    });
    const token = new URL(offer?.link ?? '').searchParams.get('token');
    const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    const page = await newAdminPage(context);
    await setUpAccount(page, `${url}/admin/setup?token=${token}`, { email: 'ada@example.com', name: 'Ada' });

    await openSection(page, 'Settings');
    const approval = page.locator('section[aria-labelledby="approval-settings-heading"]');
    await approval.getByLabel('Send a notification when an enrollment is approved').check();
    await approval.getByLabel('Recipients (one address per line)').fill('fleet@example.com');
    await approval.getByLabel('Model', { exact: true }).uncheck();
    await approval.getByLabel('Vehicle photos').check();
    await approval.getByLabel('Subject').fill('Approved: {name} <{techId}>');
    await approval.getByRole('button', { name: 'Preview' }).click();
    const preview = approval.getByTestId('mail-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('preview-subject').textContent()).toBe('Approved: Sample Technician <T-0000>');
    expect(await preview.getByTestId('preview-attachments').textContent()).toContain('BYOV-SAMPLE-vehicle_front.jpg');
    const frame = preview.frameLocator('iframe');
    await expect.poll(() => frame.locator('body').textContent()).toContain('1HGCM82633A004352');
    expect(await frame.locator('body').textContent()).not.toContain('Accord');
    await approval.getByRole('button', { name: 'Save approval notification' }).click();
    await expect
      .poll(() => approval.getByTestId('approval-settings-status').textContent())
      .toBe('Approval notification saved.');
    const saved = (
      await t.app.inject({ method: 'GET', url: '/api/admin/settings/notifications/approval', headers: adminHeaders() })
    ).json();
    expect(saved).toMatchObject({
      enabled: true,
      recipients: ['fleet@example.com'],
      subject: 'Approved: {name} <{techId}>',
    });
    expect(saved.fields).not.toContain('model');
    expect(saved.documents).toEqual(['signed_policy', 'photos']);

    const tasks = page.locator('section[aria-labelledby="task-email-heading"]');
    await tasks.locator('details[data-task="fleet_inventory"] summary').click();
    await tasks
      .getByLabel('Recipients of “Fleet and inventory notified” (one address per line)')
      .fill('fleet@example.com');
    await tasks
      .locator('details[data-task="fleet_inventory"]')
      .getByLabel('Opening text')
      .fill('Hello fleet, {name} is in.');
    await tasks.locator('details[data-task="fleet_inventory"]').getByRole('button', { name: 'Preview' }).click();
    await expect
      .poll(() => tasks.getByTestId('preview-text').textContent())
      .toContain('Hello fleet, Sample Technician is in.');
    await tasks.getByRole('button', { name: 'Save task e-mails' }).click();
    await expect.poll(() => tasks.getByTestId('task-email-status').textContent()).toBe('Checklist e-mails saved.');

    const texts = page.locator('section[aria-labelledby="templates-heading"]');
    await texts.getByLabel('Message').selectOption('email.confirmation');
    await texts.getByLabel('Subject').fill('{program}: {nope}');
    await texts.getByRole('button', { name: 'Preview' }).click();
    await expect
      .poll(() => texts.getByTestId('templates-status').textContent())
      .toContain('Unknown placeholder {nope}');

    await openSection(page, 'Enrollments');
    await openEnrollment(page, 'Grace Hopper');
    await page.getByRole('button', { name: 'Send the “Fleet and inventory notified” e-mail' }).click();
    await expect.poll(() => page.getByTestId('checklist-sent').textContent()).toContain('queued to 1 recipient');
    await sendNow(t, () => new Date());
    const [mail] = sink.to('fleet@example.com');
    expect(mail?.parsed.subject).toBe('[Fleet BYOV] Fleet and inventory notified: Grace Hopper (Tech ID UI-MAIL-1)');
    expect(mail?.parsed.text).toContain('Hello fleet, Grace Hopper is in.');
    expect(adminErrorsOf(page)).toEqual([]);
    await context.close();
  });
});
