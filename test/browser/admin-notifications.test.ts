/**
 * The admin's e-mail pages in Chromium: Notifications lists a refused message with its error and
 * resends it; Settings saves the program inbox and sends a test e-mail showing the refusal.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerFirstAdminSetup } from '../../src/domain/auth/offer-first-admin-setup.js';
import { sendNow } from '../mail/support.js';
import type { TestApp } from '../support/app-harness.js';
import { makeSubmissionFiles } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { submit } from '../support/submit.js';
import { adminErrorsOf, newAdminPage, openSection, setUpAccount } from './support/admin-page.js';
import { launchChromium, newContext, shouldSkipBrowserTests } from './support/browser.js';
import { startWizardServer } from './support/wizard-server.js';

describe.skipIf(shouldSkipBrowserTests())('admin e-mail pages', () => {
  let browser: Browser;
  let t: TestApp;
  let url: string;
  const sink = new SmtpSink();

  beforeAll(async () => {
    // Gives up at the first refusal, so the message is failed and can be resent.
    ({ testApp: t, url } = await startWizardServer({ SMTP_URL: await sink.listen(), MAIL_GIVE_UP_HOURS: '0.001' }));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink.close();
  });

  it('shows a refused message with its error, resends it, saves the inbox and reports a refused test e-mail', async () => {
    sink.mode = 'refuse';
    await submit(t, await makeSubmissionFiles(8_000), { techId: 'UI-1' });
    await sendNow(t, () => new Date());
    const offer = await offerFirstAdminSetup({
      db: t.runtime.db,
      now: () => new Date(),
      publicUrl: t.config.publicUrl,
    });
    const token = new URL(offer?.link ?? '').searchParams.get('token');
    const context = await newContext(browser, { viewport: { width: 1280, height: 800 } });
    const page = await newAdminPage(context);
    await setUpAccount(page, `${url}/admin/setup?token=${token}`, { email: 'ada@example.com', name: 'Ada' });

    await openSection(page, 'Notifications');
    const row = page.locator('[data-testid="notifications"] tbody tr').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('Relaying denied');
    sink.mode = 'accept';
    await row.getByRole('button', { name: 'Resend' }).click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('waiting');
    await sendNow(t, () => new Date());
    expect(sink.received).toHaveLength(1);

    await openSection(page, 'Settings');
    await page
      .getByLabel('Program inbox (one address per line): gets every submission notice')
      .fill('fleet@example.com');
    await page.getByRole('button', { name: 'Save e-mail settings' }).click();
    await expect.poll(() => page.getByTestId('email-settings-status').textContent()).toBe('E-mail settings saved.');
    sink.mode = 'refuse';
    await page.getByLabel('Send a test e-mail to').fill('ops@example.com');
    await page.getByRole('button', { name: 'Send test e-mail' }).click();
    await expect
      .poll(() => page.getByTestId('test-email-result').textContent())
      .toContain('554 5.7.1 Relaying denied for this test');
    expect(adminErrorsOf(page)).toEqual([]);
    await context.close();
  });
});
