/**
 * The whole wizard on a phone (375×667, touch) and a tablet (768×1024), in English and in
 * Spanish: a start screen and no draft before the first answer, each step a history entry, the
 * confirmation kept across a reload, axe-core clean and no sideways scroll on every screen, and
 * the phone-layout defects found by trying it (checkbox layout, VIN error jump, wrapping labels).
 * Screenshots of every screen go to test-artifacts/screenshots.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../web/src/wizard/i18n/en.js';
import { es } from '../../web/src/wizard/i18n/es.js';
import { makeTempDir } from '../support/engines.js';
import { launchChromium, newContext, PHONE, shouldSkipBrowserTests } from './support/browser.js';
import { NEXT_YEAR, TECHNICIAN, VEHICLE } from './support/flows.js';
import { computedStyle, expectNoAxeViolations, expectNoSidewaysScroll, linesOf } from './support/page-checks.js';
import { writePdf, writePhoto } from './support/test-files.js';
import { errorsOf, pickFiles, screenshot, waitForSaved, waitForUploads } from './support/wizard-page.js';
import { startWizardServer, type WizardServer } from './support/wizard-server.js';

const TABLET: BrowserContextOptions = { viewport: { width: 768, height: 1024 }, deviceScaleFactor: 1, hasTouch: true };
const SIZES = { phone: PHONE, tablet: TABLET } as const;
const CATALOGS = { en, es } as const;
type Language = keyof typeof CATALOGS;
type Size = keyof typeof SIZES;

const STEP_KEYS = ['technician', 'vehicle', 'documents', 'policy', 'review'] as const;

describe.skipIf(shouldSkipBrowserTests())('the wizard on a phone and a tablet, in English and Spanish', () => {
  let server: WizardServer;
  let browser: Browser;
  let temp: { dir: string; remove(): Promise<void> };
  let files: { photo: string; pdf: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser, temp] = await Promise.all([startWizardServer(), launchChromium(), makeTempDir('byov-i18n-')]);
    files = {
      photo: await writePhoto(temp.dir, 'side.jpg', 640, 480, { r: 90, g: 90, b: 90 }),
      pdf: await writePdf(temp.dir, 'document.pdf', 'Document'),
    };
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await server?.close();
    await temp?.remove();
  });

  /** A fresh device whose browser prefers `language`; CSP bypassed only so axe-core can be injected. */
  async function device(size: Size, language: Language): Promise<{ page: Page; draftsCreated: () => number }> {
    const context = await newContext(browser, {
      ...SIZES[size],
      locale: language === 'es' ? 'es-MX' : 'en-US',
      bypassCSP: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    let created = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/drafts') created++;
    });
    return { page, draftsCreated: () => created };
  }

  /** Every screen: no axe violation, no sideways scroll, and a screenshot. */
  async function checkScreen(page: Page, name: string): Promise<void> {
    await expectNoAxeViolations(page, name);
    await expectNoSidewaysScroll(page, name);
    await screenshot(page, name);
  }

  async function waitForStep(page: Page, language: Language, step: (typeof STEP_KEYS)[number]) {
    await page.locator('#step-heading', { hasText: CATALOGS[language].steps[step] }).waitFor();
  }

  const nextButton = (page: Page) => page.locator('.step-nav button[type="submit"]');

  async function fillTechnician(page: Page): Promise<void> {
    await page.locator('#field-fullName').fill(TECHNICIAN.fullName);
    await page.locator('#field-techId').fill(TECHNICIAN.techId);
    await page.locator('#field-email').fill(TECHNICIAN.email);
    await page.locator('#field-district').fill(TECHNICIAN.district);
    await page.locator('#field-state').selectOption(TECHNICIAN.state);
  }

  async function fillVehicle(page: Page): Promise<void> {
    await page.locator('#field-vin').fill(VEHICLE.vin);
    // The lookup's "Looking up…" ends with an ellipsis in both languages; its answer does not.
    await page
      .locator('.vin-decoded')
      .filter({ hasText: /[^…\s]\s*$/ })
      .waitFor();
    await page.locator('#field-year').fill(VEHICLE.year ?? '');
    await page.locator('#field-make').fill(VEHICLE.make ?? '');
    await page.locator('#field-model').fill(VEHICLE.model ?? '');
  }

  async function addDocuments(page: Page): Promise<void> {
    for (const slot of ['vehicle_front', 'vehicle_back', 'vehicle_left', 'vehicle_right']) {
      await pickFiles(page, slot, files.photo);
    }
    await pickFiles(page, 'insurance', files.pdf);
    await pickFiles(page, 'registration', files.pdf);
    await waitForUploads(page);
  }

  async function sign(page: Page): Promise<void> {
    await page.locator('#field-policyAcknowledged').check();
    await page.locator('input[name="signature-mode"]').nth(1).check();
    await page.locator('#signature-typed-name').fill(TECHNICIAN.fullName);
  }

  /** From the start screen to the confirmation, checking every screen on the way. */
  async function walk(page: Page, size: Size, language: Language): Promise<void> {
    const words = CATALOGS[language];
    const name = (screen: string) => `${size}-${language}-${screen}`;
    await page.goto(server.url);
    await page.locator('#start-heading', { hasText: words.start.heading }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe(language);
    await checkScreen(page, name('0-start'));
    await page.getByRole('button', { name: words.start.begin }).click();

    await waitForStep(page, language, 'technician');
    await checkScreen(page, name('1-technician'));
    await fillTechnician(page);
    await nextButton(page).click();

    await waitForStep(page, language, 'vehicle');
    await fillVehicle(page);
    await checkScreen(page, name('2-vehicle'));
    await nextButton(page).click();

    await waitForStep(page, language, 'documents');
    await addDocuments(page);
    await page.locator('#field-insuranceExpiration').fill(`${NEXT_YEAR}-05-01`);
    await page.locator('#field-registrationExpiration').fill(`${NEXT_YEAR}-05-01`);
    await checkScreen(page, name('3-documents'));
    await nextButton(page).click();

    await waitForStep(page, language, 'policy');
    await page.locator('.policy-text').waitFor();
    await sign(page);
    await checkScreen(page, name('4-policy'));
    await nextButton(page).click();

    await waitForStep(page, language, 'review');
    await checkScreen(page, name('5-review'));
    await nextButton(page).click();

    await page.locator('#confirmation-heading', { hasText: words.confirmation.heading }).waitFor();
    await checkScreen(page, name('6-confirmation'));
  }

  for (const size of ['phone', 'tablet'] as const) {
    for (const language of ['en', 'es'] as const) {
      it(`walks the whole wizard on a ${size} in ${language === 'en' ? 'English' : 'Spanish'}`, async () => {
        const { page, draftsCreated } = await device(size, language);
        await walk(page, size, language);
        const reference = (await page.getByTestId('reference').textContent()) ?? '';
        const pdf = await page.getByTestId('policy-pdf-link').getAttribute('href');
        expect(reference).toMatch(/\S/);
        expect(pdf).toContain('/policy.pdf?token=');
        expect(draftsCreated()).toBe(1);

        // A reload keeps the reference and the link to the signed PDF, and starts nothing new.
        await page.reload();
        await page.locator('#confirmation-heading').waitFor();
        expect(await page.getByTestId('reference').textContent()).toBe(reference);
        expect(await page.getByTestId('policy-pdf-link').getAttribute('href')).toBe(pdf);
        expect(draftsCreated()).toBe(1);
        expect(await page.locator('#start-heading').count()).toBe(0);

        const response = await page.request.get(`${server.url}${pdf}`);
        expect(response.status()).toBe(200);
        const rows = await server.testApp.runtime.db.kysely
          .selectFrom('enrollments')
          .select(['language'])
          .where('reference', '=', reference)
          .execute();
        expect(rows).toEqual([{ language }]);
        expect(errorsOf(page)).toEqual([]);
      });
    }
  }

  it('saves nothing and says nothing is saved before the first answer; Back and Forward move between steps', async () => {
    const { page, draftsCreated } = await device('phone', 'en');
    await page.goto(server.url);
    const start = page.locator('.start-screen');
    await start.waitFor();
    const text = (await start.textContent()) ?? '';
    for (const need of ['VIN', 'four photos', 'insurance', 'registration', 'about 10 minutes', 'saved']) {
      expect(text).toContain(need);
    }
    await page.getByRole('button', { name: en.start.begin }).click();
    await waitForStep(page, 'en', 'technician');
    expect(await page.locator('.save-status').textContent()).toBe('');
    expect(await page.getByTestId('resume-code').count()).toBe(0);
    expect(draftsCreated()).toBe(0);

    await fillTechnician(page);
    await waitForSaved(page);
    expect(draftsCreated()).toBe(1);
    await nextButton(page).click();
    await waitForStep(page, 'en', 'vehicle');
    expect(new URL(page.url()).searchParams.get('step')).toBe('vehicle');

    // The browser's (and Android's) Back goes to the previous step, Forward comes back.
    await page.goBack();
    await waitForStep(page, 'en', 'technician');
    expect(await page.locator('#field-fullName').inputValue()).toBe(TECHNICIAN.fullName);
    await page.goForward();
    await waitForStep(page, 'en', 'vehicle');
    await page.goBack();
    await page.goBack();
    await page.locator('.start-screen').waitFor();
    await page.goForward();
    await waitForStep(page, 'en', 'technician');
    expect(draftsCreated()).toBe(1);
  });

  it('keeps the phone layout steady: no VIN error jump, one-line labels, a real checkbox row', async () => {
    const { page } = await device('phone', 'en');
    await page.goto(server.url);
    await page.getByRole('button', { name: en.start.begin }).click();
    await fillTechnician(page);
    await nextButton(page).click();
    await waitForStep(page, 'en', 'vehicle');
    expect(await linesOf(page, '.progress-step.current .progress-label-short')).toBe(1);

    // A mistyped VIN is explained beside the field without moving it.
    const vin = page.locator('#field-vin');
    const before = (await vin.boundingBox())?.y;
    await vin.fill('1HGCM82633A004353');
    await page.locator('#field-vin-error', { hasText: /check digit/ }).waitFor();
    expect((await vin.boundingBox())?.y).toBe(before);
    expect(await page.locator('.error-summary li').count()).toBe(0);

    await fillVehicle(page);
    await nextButton(page).click();
    await waitForStep(page, 'en', 'documents');
    expect(await linesOf(page, '.progress-step.current .progress-label-short')).toBe(1);
    await addDocuments(page);

    // Two expired documents are two different problems, each naming its document.
    await page.locator('#field-insuranceExpiration').fill('2020-01-01');
    await page.locator('#field-registrationExpiration').fill('2020-01-01');
    await nextButton(page).click();
    const problems = page.locator('.error-summary li');
    await expect.poll(() => problems.count()).toBe(2);
    const [first, second] = await problems.allTextContents();
    expect(first).toMatch(/insurance/i);
    expect(second).toMatch(/registration/i);

    // An empty date is "required", not "YYYY-MM-DD", which the date control never shows.
    await page.locator('#field-registrationExpiration').fill('');
    await nextButton(page).click();
    await page.locator('#field-registrationExpiration-error', { hasText: 'is required' }).waitFor();
    expect(await page.locator('#field-registrationExpiration-error').textContent()).not.toMatch(/YYYY/);

    await page.locator('#field-insuranceExpiration').fill(`${NEXT_YEAR}-05-01`);
    await page.locator('#field-registrationExpiration').fill(`${NEXT_YEAR}-05-01`);
    await nextButton(page).click();
    await waitForStep(page, 'en', 'policy');
    await page.locator('.policy-text').waitFor();

    // The acknowledgement is a checkbox beside its sentence, not a block label above a box.
    const label = page.locator('label.acknowledgement');
    expect(await computedStyle(label, 'display')).toBe('flex');
    const box = await page.locator('#field-policyAcknowledged').boundingBox();
    const sentence = await label.locator('span').boundingBox();
    expect(box && sentence && box.x + box.width <= sentence.x).toBe(true);
    expect(box && sentence && box.y < sentence.y + sentence.height && sentence.y < box.y + box.height).toBe(true);

    await sign(page);
    await nextButton(page).click();
    await waitForStep(page, 'en', 'review');
    expect(await linesOf(page, '.step-nav button[type="submit"]')).toBe(1);
    expect(await linesOf(page, '.progress-step.current .progress-label-short')).toBe(1);
  });

  it('switches language on any screen, remembers it in the draft, and validates in Spanish', async () => {
    const { page } = await device('phone', 'en');
    await page.goto(server.url);
    await page.locator('#language-select').selectOption('es');
    await page.locator('#start-heading', { hasText: es.start.heading }).waitFor();
    await page.getByRole('button', { name: es.start.begin }).click();
    await nextButton(page).click();
    await page.locator('#field-fullName-error', { hasText: 'Nombre completo: este dato es obligatorio.' }).waitFor();
    expect(await page.locator('label[for="field-email"]').textContent()).toContain('Correo electrónico');

    await fillTechnician(page);
    await waitForSaved(page);
    await page.locator('#language-select').selectOption('en');
    await waitForStep(page, 'en', 'technician');
    await page.locator('#language-select').selectOption('es');
    await waitForSaved(page);

    // Another device resuming the draft opens in the language it remembers.
    const code = (await page.getByTestId('resume-code').textContent()) ?? '';
    const other = await device('tablet', 'en');
    await other.page.goto(`${server.url}/?resume=${code}`);
    await waitForStep(other.page, 'es', 'technician');
    expect(await other.page.locator('html').getAttribute('lang')).toBe('es');
  });
});
