/**
 * Mistakes are explained beside the field that holds them, whether the browser or the server
 * finds them; bad files never leave the browser; and markup typed anywhere stays text.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/engines.js';
import { DESKTOP, launchChromium, newContext, PHONE, shouldSkipBrowserTests } from './support/browser.js';
import { fillVehicleByHand, reachReview, TECHNICIAN } from './support/flows.js';
import { computedStyle } from './support/page-checks.js';
import { writeOversizedPdf, writeTextFile } from './support/test-files.js';
import {
  errorsOf,
  fillTechnician,
  fillVehicle,
  next,
  openWizard,
  pickFiles,
  screenshot,
  waitForSaved,
  waitForStep,
} from './support/wizard-page.js';
import { startWizardServer, type WizardServer } from './support/wizard-server.js';

const IMG_PAYLOAD = '<img src=x onerror="window.__xss=1">';
const SCRIPT_PAYLOAD = '<script>window.__xss=1</script>';

/** The message shown beside a field, checked to be what the field's aria-describedby points at. */
async function errorBeside(page: Page, field: string): Promise<string> {
  const input = page.locator(`#field-${field}`);
  expect(await input.getAttribute('aria-invalid')).toBe('true');
  expect(await input.getAttribute('aria-describedby')).toContain(`field-${field}-error`);
  return (await page.locator(`#field-${field}-error`).textContent()) ?? '';
}

async function focusedId(page: Page): Promise<string> {
  return String(await page.evaluate('document.activeElement && document.activeElement.id'));
}

describe.skipIf(shouldSkipBrowserTests())('enrollment wizard: validation and hostile input', () => {
  let server: WizardServer;
  let browser: Browser;
  let temp: { dir: string; remove(): Promise<void> };
  const contexts: BrowserContext[] = [];

  async function open(options = DESKTOP): Promise<Page> {
    const context = await newContext(browser, options);
    contexts.push(context);
    return openWizard(context, server.url);
  }

  beforeAll(async () => {
    [server, browser, temp] = await Promise.all([startWizardServer(), launchChromium(), makeTempDir('byov-web-')]);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await server?.close();
    await temp?.remove();
  });

  it('explains each problem beside its field, announces them, and focuses the first', async () => {
    const page = await open(PHONE);
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByLabel('Tech ID', { exact: true }).fill('ab 12');
    await next(page);

    await page.getByRole('alert').filter({ hasText: 'Please fix these' }).waitFor();
    expect(await errorBeside(page, 'fullName')).toBe('Full name is required.');
    expect(await errorBeside(page, 'techId')).toBe('Tech ID can contain only letters, digits and dashes.');
    expect(await errorBeside(page, 'email')).toBe('Enter a valid email address.');
    expect(await errorBeside(page, 'state')).toBe('Choose one of the 50 states or DC.');
    expect(await focusedId(page)).toBe('field-fullName');
    await screenshot(page, 'phone-technician-errors');

    // Fixing a field clears its message at once.
    await page.getByLabel('Full name', { exact: true }).fill('Dana Whitfield');
    expect(await page.locator('#field-fullName-error').count()).toBe(0);

    await fillTechnician(page, TECHNICIAN);
    await next(page);
    await waitForStep(page, 'Vehicle');
    expect(await focusedId(page)).toBe('step-heading');

    // A mistyped VIN is caught by its check digit as soon as 17 characters are in.
    await fillVehicle(page, { vin: '1HGCM82643A004352' });
    await page.locator('#field-vin-error', { hasText: 'check digit' }).waitFor();
    // A valid VIN whose model year disagrees with the year typed.
    await fillVehicleByHand(page, { vin: '1HGCM82633A004352', year: '2010', make: 'Honda', model: 'Accord' });
    await next(page);
    expect(await errorBeside(page, 'year')).toBe('The VIN says model year 2003 or 2033, not 2010.');
    expect(await focusedId(page)).toBe('field-year');
    expect(errorsOf(page)).toEqual([]);
  });

  it('refuses wrong-type and oversized files in the browser, and shows the server refusing a fake photo', async () => {
    const page = await open();
    await fillTechnician(page, TECHNICIAN);
    await next(page);
    await fillVehicleByHand(page, { vin: '1HGCM82633A004352', year: '2003', make: 'Honda', model: 'Accord' });
    await next(page);
    await waitForStep(page, 'Photos & documents');
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/files/')) uploads.push(request.url());
    });

    await pickFiles(page, 'vehicle_front', await writeTextFile(temp.dir, 'notes.txt', 'hello'));
    await page.locator('#field-vehicle_front-error', { hasText: "“notes.txt” can't be used here" }).waitFor();
    // HEIC is never accepted, so no message offers it; a HEIC photo is refused before any upload.
    expect(await page.locator('#field-vehicle_front-error').textContent()).not.toMatch(/HEIC/);
    await pickFiles(page, 'vehicle_left', await writeTextFile(temp.dir, 'IMG_0001.heic', 'heic bytes'));
    await page.locator('#field-vehicle_left-error', { hasText: "is a HEIC photo, which can't be used" }).waitFor();
    await pickFiles(page, 'insurance', await writeOversizedPdf(temp.dir, 'huge-scan.pdf'));
    await page.locator('#field-insurance-error', { hasText: 'is 16.0 MB, over the 15.0 MB limit' }).waitFor();
    expect(uploads).toEqual([]);

    // Named like a photo, but not one: only the server, reading the bytes, can tell.
    await pickFiles(page, 'vehicle_back', await writeTextFile(temp.dir, 'fake.jpg', 'this is not a picture'));
    const failure = page.locator('.upload-status.failed');
    await failure.waitFor();
    expect(uploads).toHaveLength(1);
    // The server refused the file itself: sending it again cannot help, so only Remove is offered,
    // and the slot says it failed in the error colour, not the success green.
    expect(await failure.getByRole('button', { name: /Retry/ }).count()).toBe(0);
    const status = page.locator('#field-vehicle_back').locator('xpath=ancestor::fieldset').locator('.slot-status');
    expect(await status.textContent()).toBe('Upload failed.');
    expect(await computedStyle(status, 'color')).toBe('rgb(180, 35, 24)');
    await screenshot(page, 'desktop-file-errors');
    await failure.getByRole('button', { name: /Remove/ }).click();
    expect(await page.locator('.upload-status').count()).toBe(0);
  });

  it('shows an error the server returns on submit beside its field, on the step that owns it', async () => {
    const page = await open();
    await reachReview(page, temp.dir);
    await waitForSaved(page);
    await page.route('**/submit', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'VALIDATION_FAILED',
            message: 'This document has already expired.',
            field: 'insuranceExpiration',
          },
        }),
      }),
    );
    await page.getByRole('button', { name: 'Submit enrollment' }).click();
    await waitForStep(page, 'Photos & documents');
    expect(await errorBeside(page, 'insuranceExpiration')).toBe('This document has already expired.');
    expect(await focusedId(page)).toBe('field-insuranceExpiration');
    await screenshot(page, 'desktop-server-error');
  });

  it('asks for the policy to be accepted again when a change of state brings a different policy', async () => {
    const policyTitle = async (state: string) =>
      ((await (await fetch(`${server.url}/api/policy?state=${state}`)).json()) as { title: string }).title;
    const [texasTitle, illinoisTitle] = await Promise.all([policyTitle('TX'), policyTitle('IL')]);
    expect(texasTitle).not.toBe(illinoisTitle);
    const page = await open();
    await reachReview(page, temp.dir);
    await page.getByRole('button', { name: 'Change Technician' }).click();
    await waitForStep(page, 'Technician');
    await page.getByLabel('State', { exact: true }).selectOption('IL');
    await next(page);
    await next(page);
    await next(page);
    await waitForStep(page, 'Policy & signature');
    await page.getByRole('heading', { name: illinoisTitle, exact: true }).waitFor();
    const acknowledgement = page.getByLabel('I have read the policy above and agree to its terms.');
    expect(await acknowledgement.isChecked()).toBe(false);
    await next(page);
    expect(await errorBeside(page, 'policyAcknowledged')).toBe('You must acknowledge the policy.');
  });

  it('shows markup typed into any field as plain text and never runs it', async () => {
    const page = await open();
    const technician = { ...TECHNICIAN, fullName: IMG_PAYLOAD, referredBy: SCRIPT_PAYLOAD, district: SCRIPT_PAYLOAD };
    await reachReview(page, temp.dir, {
      technician,
      vehicle: { vin: '1HGCM82633A004352', year: '2003', make: SCRIPT_PAYLOAD, model: IMG_PAYLOAD },
      comment: `${IMG_PAYLOAD} ${SCRIPT_PAYLOAD}`,
    });
    await page.getByRole('img', { name: 'Your signature' }).waitFor();
    for (const text of [IMG_PAYLOAD, SCRIPT_PAYLOAD, `${IMG_PAYLOAD} ${SCRIPT_PAYLOAD}`]) {
      expect(await page.getByText(text, { exact: true }).first().isVisible()).toBe(true);
    }
    expect(await page.locator('main img[src="x"], main script').count()).toBe(0);
    await screenshot(page, 'desktop-hostile-review');

    // Reloaded from the server draft, the values are still inert.
    await waitForSaved(page);
    await page.reload();
    await waitForStep(page, 'Review & submit');
    expect(await page.getByText(IMG_PAYLOAD, { exact: true }).first().isVisible()).toBe(true);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(errorsOf(page)).toEqual([]);
  });
});
