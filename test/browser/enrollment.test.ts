/**
 * A technician enrolls from start to finish on a phone: real photos (one needing EXIF
 * rotation, one larger than the upload size), PDFs, a drawn signature. The enrollment must
 * end up stored, and its signed policy PDF must name the technician.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/engines.js';
import { launchChromium, newContext, PHONE, shouldSkipBrowserTests } from './support/browser.js';
import { writePdf, writePhoto, writeRotatedPhoto } from './support/test-files.js';
import {
  drawSignature,
  errorsOf,
  fillTechnician,
  fillVehicle,
  next,
  openWizard,
  pickFiles,
  screenshot,
  waitForSaved,
  waitForStep,
  waitForUploads,
} from './support/wizard-page.js';
import { startWizardServer, type WizardServer } from './support/wizard-server.js';

const execFileAsync = promisify(execFile);
const NEXT_YEAR = new Date().getFullYear() + 1;

interface Files {
  front: string;
  back: string;
  left: string;
  right: string;
  insurancePhoto: string;
  insurancePdf: string;
  registrationPdf: string;
}

async function writeFiles(dir: string): Promise<Files> {
  return {
    front: await writePhoto(dir, 'front.jpg', 3000, 2000, { r: 90, g: 120, b: 150 }),
    back: await writePhoto(dir, 'back.jpg', 1600, 1200, { r: 120, g: 90, b: 60 }),
    left: await writeRotatedPhoto(dir, 'left-portrait.jpg'),
    right: await writePhoto(dir, 'right.jpg', 1600, 1200, { r: 60, g: 140, b: 80 }),
    insurancePhoto: await writePhoto(dir, 'insurance-card.jpg', 1200, 800, { r: 240, g: 240, b: 230 }),
    insurancePdf: await writePdf(dir, 'insurance-declarations.pdf', 'Insurance declarations'),
    registrationPdf: await writePdf(dir, 'registration.pdf', 'Registration'),
  };
}

/** The stored bytes of a draft file, fetched the way the wizard's thumbnails are. */
async function fetchStoredImage(baseUrl: string, fileUrl: string) {
  const response = await fetch(new URL(fileUrl, baseUrl));
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function rgbAt(image: Buffer, x: number, y: number) {
  const { data } = await sharp(image).extract({ left: x, top: y, width: 1, height: 1 }).raw().toBuffer({
    resolveWithObject: true,
  });
  return { r: data[0] ?? 0, g: data[1] ?? 0, b: data[2] ?? 0 };
}

async function uploadPhotos(page: Page, files: Files) {
  const leftUpload = page.waitForResponse(
    (r) => r.url().includes('/files/vehicle_left') && r.request().method() === 'POST',
  );
  const frontUpload = page.waitForResponse(
    (r) => r.url().includes('/files/vehicle_front') && r.request().method() === 'POST',
  );
  await pickFiles(page, 'vehicle_front', files.front);
  await pickFiles(page, 'vehicle_back', files.back);
  await pickFiles(page, 'vehicle_left', files.left);
  await pickFiles(page, 'vehicle_right', files.right);
  await pickFiles(page, 'insurance', [files.insurancePhoto, files.insurancePdf]);
  await pickFiles(page, 'registration', files.registrationPdf);
  await waitForUploads(page);
  return {
    left: (await (await leftUpload).json()) as { url: string; contentType: string },
    front: (await (await frontUpload).json()) as { url: string },
  };
}

describe.skipIf(shouldSkipBrowserTests())('enrollment wizard: a complete enrollment on a phone', () => {
  let server: WizardServer;
  let browser: Browser;
  let context: BrowserContext;
  let temp: { dir: string; remove(): Promise<void> };

  beforeAll(async () => {
    [server, browser, temp] = await Promise.all([startWizardServer(), launchChromium(), makeTempDir('byov-web-')]);
    context = await newContext(browser, PHONE);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await temp?.remove();
  });

  it('stores the enrollment with upright, downscaled photos and a signed policy PDF naming the technician', async () => {
    const files = await writeFiles(temp.dir);
    const page = await openWizard(context, server.url);
    await screenshot(page, 'phone-1-technician-empty');

    await fillTechnician(page, {
      fullName: 'Łukasz Nuñez',
      techId: 'tx-1001',
      email: 'Lukasz.Nunez@example.com',
      phone: '+1 (312) 555-0100',
      district: '4021',
      state: 'IL',
      industries: ['HVAC', 'Refrigeration'],
    });
    await screenshot(page, 'phone-1-technician');
    await next(page);

    await waitForStep(page, 'Vehicle');
    await fillVehicle(page, { vin: '1HGCM82633A004352', color: 'Silver', plate: 'BYV 123' });
    // The VIN is decoded: year, make and model are filled in without typing them.
    await expect.poll(() => page.getByLabel('Model year', { exact: true }).inputValue()).toBe('2003');
    expect((await page.getByLabel('Make', { exact: true }).inputValue()).toLowerCase()).toBe('honda');
    expect((await page.getByLabel('Model', { exact: true }).inputValue()).toLowerCase()).toContain('accord');
    await screenshot(page, 'phone-2-vehicle');
    await next(page);

    await waitForStep(page, 'Photos & documents');
    const uploads = await uploadPhotos(page, files);
    await page.getByLabel('Insurance expiration date').fill(`${NEXT_YEAR}-06-30`);
    await page.getByLabel('Insurance company (optional)').fill('Acme Mutual');
    await page.getByLabel('Registration expiration date').fill(`${NEXT_YEAR}-03-31`);
    await screenshot(page, 'phone-3-photos');

    // EXIF orientation 6 was applied in the browser: stored upright as a 400×600 portrait,
    // blue on the left and red on the right, with no orientation tag left to misread.
    const left = await fetchStoredImage(server.url, uploads.left.url);
    const leftMeta = await sharp(left).metadata();
    expect([leftMeta.width, leftMeta.height]).toEqual([400, 600]);
    expect(leftMeta.orientation ?? 1).toBe(1);
    const leftSide = await rgbAt(left, 20, 300);
    const rightSide = await rgbAt(left, 380, 300);
    expect(leftSide.b).toBeGreaterThan(leftSide.r + 100);
    expect(rightSide.r).toBeGreaterThan(rightSide.b + 100);
    // A 3000×2000 photo was shrunk to 2048 px on its longest side before upload.
    const frontMeta = await sharp(await fetchStoredImage(server.url, uploads.front.url)).metadata();
    expect([frontMeta.width, frontMeta.height]).toEqual([2048, 1365]);
    await next(page);

    await waitForStep(page, 'Policy & signature');
    await page.getByRole('region', { name: /full text/ }).waitFor();
    await page.getByLabel('I have read the policy above and agree to its terms.').check();
    await drawSignature(page);
    await screenshot(page, 'phone-4-policy');
    await next(page);

    await waitForStep(page, 'Review & submit');
    await expect.poll(() => page.locator('img[alt="Your signature"]').count()).toBe(1);
    for (const alt of [
      'Front of the vehicle',
      'Back of the vehicle',
      'Left side of the vehicle',
      'Right side of the vehicle',
    ]) {
      expect(await page.getByRole('img', { name: `Photo: ${alt}`, exact: true }).count()).toBe(1);
    }
    expect(await page.getByRole('img', { name: /Insurance card or declarations, page/ }).count()).toBe(2);
    expect(await page.getByText('Łukasz Nuñez', { exact: true }).count()).toBe(1);
    await waitForSaved(page);
    await screenshot(page, 'phone-5-review');

    const submitRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/submit')) submitRequests.push(request.method());
    });
    // A double tap must submit once.
    await page.getByRole('button', { name: 'Submit enrollment' }).dblclick();
    const reference = await page.getByTestId('reference').textContent({ timeout: 30_000 });
    expect(reference).toMatch(/\S+/);
    expect(submitRequests).toEqual(['POST']);
    await page.getByRole('heading', { name: 'Enrollment submitted' }).waitFor();
    await screenshot(page, 'phone-6-confirmation');
    expect(await page.evaluate('localStorage.getItem("byov.resumeCode")')).toBeNull();

    const state = await server.testApp.snapshotState();
    expect(state.rows.enrollments).toBe(1);

    const pdfHref = await page.getByTestId('policy-pdf-link').getAttribute('href');
    expect(pdfHref).toBeTruthy();
    const pdfResponse = await fetch(new URL(pdfHref ?? '', server.url));
    expect(pdfResponse.status).toBe(200);
    expect(pdfResponse.headers.get('content-type')).toContain('application/pdf');
    const pdfFile = path.join(temp.dir, 'policy.pdf');
    await writeFile(pdfFile, Buffer.from(await pdfResponse.arrayBuffer()));
    const { stdout: text } = await execFileAsync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-']);
    expect(text).toContain('Łukasz Nuñez');
    expect(text).toContain('TX-1001');
    expect(errorsOf(page)).toEqual([]);
  });
});
