/**
 * The technician's side of a request for changes: the link arrives by e-mail, and the wizard it
 * opens shows the admin's message at the top and marks the fields to fix until they change.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, sendNow } from '../mail/support.js';
import { adminHeaders, type TestApp } from '../support/app-harness.js';
import { makeSubmissionFiles } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { submit } from '../support/submit.js';
import { DESKTOP, launchChromium, newContext, shouldSkipBrowserTests } from './support/browser.js';
import { errorsOf, next, openWizard, waitForStep } from './support/wizard-page.js';
import { startWizardServer } from './support/wizard-server.js';

describe.skipIf(shouldSkipBrowserTests())('a change request received by e-mail', () => {
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

  it('opens the wizard with the message at the top and the fields marked until they change', async () => {
    const { id, reference } = await submit(t, await makeSubmissionFiles(10_000), { techId: 'CR-1', plate: 'OLD 1' });
    const message =
      'The plate in the photo is unreadable <b>here</b>.\nPlease type it again and add a clear insurance card.';
    const requested = await t.app.inject({
      method: 'POST',
      url: `/api/admin/enrollments/${id}/request-changes`,
      headers: adminHeaders(),
      payload: { fields: ['plate', 'insurance'], message },
    });
    expect(requested.statusCode, requested.body).toBe(200);
    await sendNow(t, () => new Date());
    const mail = sink.to('Lukasz.Nunez@example.com').find((m) => m.parsed.subject?.includes('Changes needed'));
    expect(mail?.parsed.subject).toBe(`[Fleet BYOV] Changes needed for your enrollment ${reference}`);
    expect(mail?.parsed.text).toContain('The plate in the photo is unreadable <b>here</b>.');
    expect(mail?.parsed.text).toContain('License plate');
    expect(mail?.parsed.html).toContain('unreadable &lt;b&gt;here&lt;/b&gt;');
    expect(mail?.parsed.html).not.toContain('<b>here</b>');

    // The link points at PUBLIC_URL; here the server listens on a port chosen at start.
    const link = new URL(linkIn(mail?.parsed.text ?? '', 'resume='));
    const context = await newContext(browser, DESKTOP);
    const page = await openWizard(context, `${url}${link.pathname}${link.search}`);
    const banner = page.getByTestId('change-request');
    await banner.waitFor();
    expect(await banner.locator('.change-request-message').textContent()).toBe(message);
    expect(await banner.textContent()).toContain('License plate (still to change)');
    expect(await banner.textContent()).toContain('Insurance card or declarations (still to change)');

    await next(page);
    await waitForStep(page, 'Vehicle');
    const plateNote = page.locator('[data-requested-field="plate"]');
    await plateNote.waitFor();
    await page.getByLabel('License plate (optional)').fill('NEW 2');
    await plateNote.waitFor({ state: 'detached' });
    expect(await banner.textContent()).toContain('License plate (changed)');
    expect(await banner.textContent()).toContain('Insurance card or declarations (still to change)');
    expect(errorsOf(page)).toEqual([]);
    await context.close();
  });
});
