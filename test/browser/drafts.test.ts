/**
 * Nothing typed, picked, uploaded or signed is lost: not by going Back and Next, not by a
 * reload, and not by moving to another device with the resume code.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/engines.js';
import { DESKTOP, launchChromium, newContext, PHONE, shouldSkipBrowserTests } from './support/browser.js';
import { completeDocuments, fillVehicleByHand, NEXT_YEAR, TECHNICIAN, VEHICLE } from './support/flows.js';
import { writePdf, writePhoto } from './support/test-files.js';
import {
  back,
  drawSignature,
  errorsOf,
  fillTechnician,
  next,
  openWizard,
  pickFiles,
  screenshot,
  type TechnicianAnswers,
  type VehicleAnswers,
  waitForSaved,
  waitForStep,
  waitForUploads,
} from './support/wizard-page.js';
import { startWizardServer, type WizardServer } from './support/wizard-server.js';

async function expectTechnician(page: Page, answers: TechnicianAnswers) {
  expect(await page.getByLabel('Full name', { exact: true }).inputValue()).toBe(answers.fullName);
  expect(await page.getByLabel('Tech ID', { exact: true }).inputValue()).toBe(answers.techId);
  expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe(answers.email);
  expect(await page.getByLabel('Mobile phone (optional)').inputValue()).toBe(answers.phone);
  expect(await page.getByLabel('District', { exact: true }).inputValue()).toBe(answers.district);
  expect(await page.getByLabel('State', { exact: true }).inputValue()).toBe(answers.state);
  expect(await page.getByLabel('Referred by (optional)').inputValue()).toBe(answers.referredBy);
  for (const industry of answers.industries ?? []) {
    expect(await page.getByRole('checkbox', { name: industry, exact: true }).isChecked()).toBe(true);
  }
  expect(await page.getByRole('checkbox', { name: 'HVAC', exact: true }).isChecked()).toBe(false);
}

async function expectVehicle(page: Page, answers: VehicleAnswers) {
  expect(await page.getByLabel('VIN (vehicle identification number)').inputValue()).toBe(answers.vin);
  expect(await page.getByLabel('Model year', { exact: true }).inputValue()).toBe(answers.year);
  expect(await page.getByLabel('Make', { exact: true }).inputValue()).toBe(answers.make);
  expect(await page.getByLabel('Model', { exact: true }).inputValue()).toBe(answers.model);
  expect(await page.getByLabel('Color (optional)').inputValue()).toBe(answers.color);
  expect(await page.getByLabel('License plate (optional)').inputValue()).toBe(answers.plate);
}

async function expectPhotosUploaded(page: Page) {
  for (const label of ['Front of the vehicle', 'Back of the vehicle']) {
    await page.getByRole('img', { name: `Photo: ${label}`, exact: true }).waitFor();
  }
  await page.getByRole('img', { name: 'Vehicle registration, page 1' }).waitFor();
  expect(await page.getByLabel('Registration expiration date').inputValue()).toBe(`${NEXT_YEAR}-01-15`);
}

/** How many clearly dark pixels a screenshot holds: the signature's ink. */
async function inkedPixels(png: Buffer): Promise<number> {
  const { data } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  return data.reduce((count, value) => (value < 128 ? count + 1 : count), 0);
}

async function resumeCodeOf(page: Page): Promise<string> {
  const code = (await page.getByTestId('resume-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  return code;
}

describe.skipIf(shouldSkipBrowserTests())('enrollment wizard: drafts survive', () => {
  let server: WizardServer;
  let browser: Browser;
  let temp: { dir: string; remove(): Promise<void> };
  const contexts: BrowserContext[] = [];

  async function context(options = DESKTOP) {
    const created = await newContext(browser, options);
    contexts.push(created);
    return created;
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

  it('keeps every answer, upload and the drawn signature across Back and Next, a reload and another device', async () => {
    const photo = await writePhoto(temp.dir, 'front.jpg', 800, 600, { r: 50, g: 90, b: 160 });
    const registration = await writePdf(temp.dir, 'registration.pdf', 'Registration');
    const desktop = await context();
    const page = await openWizard(desktop, server.url);

    await fillTechnician(page, TECHNICIAN);
    await next(page);
    await waitForStep(page, 'Vehicle');
    await fillVehicleByHand(page);
    await next(page);
    await waitForStep(page, 'Photos & documents');
    await pickFiles(page, 'vehicle_front', photo);
    await pickFiles(page, 'vehicle_back', photo);
    await pickFiles(page, 'registration', registration);
    await page.getByLabel('Registration expiration date').fill(`${NEXT_YEAR}-01-15`);
    await waitForUploads(page);

    // Back twice, then forward again: every answer is still there.
    await back(page);
    await waitForStep(page, 'Vehicle');
    await expectVehicle(page, VEHICLE);
    await back(page);
    await waitForStep(page, 'Technician');
    await expectTechnician(page, TECHNICIAN);
    await next(page);
    await waitForStep(page, 'Vehicle');
    await next(page);
    await waitForStep(page, 'Photos & documents');
    await expectPhotosUploaded(page);

    // Next is refused while photos are missing, and says which ones, beside each slot.
    await next(page);
    await waitForStep(page, 'Photos & documents');
    expect(await page.locator('#field-vehicle_left-error').textContent()).toContain('Add a photo of the left side');
    await screenshot(page, 'desktop-photos-incomplete');

    // A reload comes back to the same step with the same answers and files.
    await waitForSaved(page);
    await page.reload();
    await waitForStep(page, 'Photos & documents');
    await expectPhotosUploaded(page);
    await back(page);
    await back(page);
    await waitForStep(page, 'Technician');
    await expectTechnician(page, TECHNICIAN);

    // Another device: the link with the code, and the "Resume with a code" form.
    const code = await resumeCodeOf(page);
    await waitForSaved(page);
    const phone = await context(PHONE);
    const second = await openWizard(phone, `${server.url}/?resume=${code}`);
    await waitForStep(second, 'Technician');
    await expectTechnician(second, TECHNICIAN);
    expect(await resumeCodeOf(second)).toBe(code);
    await screenshot(second, 'phone-resumed-by-link');

    // A new visitor has no draft (and no code) until they answer something.
    const third = await openWizard(await context(), server.url);
    expect(await third.getByTestId('resume-code').count()).toBe(0);
    await third.getByText('Started on another device? Resume with a code').click();
    await third.getByLabel('Resume code').fill(code.toLowerCase().replace('-', ''));
    await third.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect.poll(() => resumeCodeOf(third)).toBe(code);
    await expectTechnician(third, TECHNICIAN);
    expect([...errorsOf(page), ...errorsOf(second), ...errorsOf(third)]).toEqual([]);
  });

  it('redraws the drawn signature after Back and Next, and shows the saved one after a reload', async () => {
    const page = await openWizard(await context(), server.url);
    await fillTechnician(page, { ...TECHNICIAN, state: 'CA' });
    await next(page);
    await waitForStep(page, 'Vehicle');
    await fillVehicleByHand(page);
    await next(page);
    await waitForStep(page, 'Photos & documents');
    await completeDocuments(page, temp.dir);
    await next(page);
    await waitForStep(page, 'Policy & signature');
    await page.getByLabel('I have read the policy above and agree to its terms.').check();
    await drawSignature(page);
    const pad = page.getByRole('img', { name: 'Signature pad, signed' });
    await pad.waitFor();
    const drawn = await inkedPixels(await pad.screenshot());
    expect(drawn).toBeGreaterThan(200);

    await next(page);
    await waitForStep(page, 'Review & submit');
    await page.getByRole('img', { name: 'Your signature' }).waitFor();
    await back(page);
    await waitForStep(page, 'Policy & signature');
    await pad.waitFor();
    expect(await page.getByLabel('I have read the policy above and agree to its terms.').isChecked()).toBe(true);
    // The same strokes are redrawn: about as much ink as was drawn, and the same on every return.
    const redrawn = await pad.screenshot();
    expect(Math.abs((await inkedPixels(redrawn)) - drawn)).toBeLessThan(drawn * 0.2);
    await back(page);
    await next(page);
    await waitForStep(page, 'Policy & signature');
    expect((await pad.screenshot()).equals(redrawn)).toBe(true);

    // After a reload the strokes are gone from memory, but the uploaded signature is shown.
    await next(page);
    await waitForStep(page, 'Review & submit');
    await waitForSaved(page);
    await expect.poll(() => page.locator('.upload-status').count()).toBe(0);
    await page.reload();
    await waitForStep(page, 'Review & submit');
    await page.getByRole('img', { name: 'Your signature' }).waitFor();
    await back(page);
    await page.getByRole('img', { name: 'Your saved signature' }).waitFor();
    await next(page);
    await waitForStep(page, 'Review & submit');
    expect(errorsOf(page)).toEqual([]);
  });

  it('keeps answers and uploads through a dropped connection: saving resumes and uploads can be retried', async () => {
    const desktop = await context();
    const page = await openWizard(desktop, server.url);
    await fillTechnician(page, TECHNICIAN);
    await next(page);
    await fillVehicleByHand(page);
    await next(page);
    await waitForStep(page, 'Photos & documents');
    await waitForSaved(page);

    await desktop.setOffline(true);
    await page.getByLabel('Insurance expiration date').fill(`${NEXT_YEAR}-02-02`);
    await page.locator('.save-status', { hasText: 'Offline — will retry' }).waitFor();
    await pickFiles(page, 'vehicle_front', await writePhoto(temp.dir, 'front.jpg', 800, 600, { r: 9, g: 9, b: 9 }));
    const failed = page.locator('.upload-status.failed');
    await failed.getByText('The upload was interrupted').waitFor();
    await screenshot(page, 'desktop-offline');

    await desktop.setOffline(false);
    await waitForSaved(page);
    await failed.getByRole('button', { name: /Retry upload/ }).click();
    await page.getByRole('img', { name: 'Photo: Front of the vehicle', exact: true }).waitFor();
    await page.reload();
    await waitForStep(page, 'Photos & documents');
    expect(await page.getByLabel('Insurance expiration date').inputValue()).toBe(`${NEXT_YEAR}-02-02`);
    await page.getByRole('img', { name: 'Photo: Front of the vehicle', exact: true }).waitFor();
  });

  it('starts a new draft, and says so, when the stored resume code has expired', async () => {
    const desktop = await context();
    await desktop.addInitScript("localStorage.setItem('byov.resumeCode', 'ZZZZZ-ZZZZZ')");
    const page = await openWizard(desktop, server.url);
    await page.getByText('Your earlier draft has expired or was already submitted').first().waitFor();
    await page.getByLabel('Full name', { exact: true }).fill('Dana Whitfield');
    await waitForSaved(page);
    const code = await resumeCodeOf(page);
    expect(code).not.toBe('ZZZZZ-ZZZZZ');
    expect(await page.evaluate("localStorage.getItem('byov.resumeCode')")).toBe(code);
  });
});
