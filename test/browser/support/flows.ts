/** Longer stretches of the wizard that several browser tests walk through. */
import type { Page } from 'playwright-core';
import { writePdf, writePhoto } from './test-files.js';
import {
  fillTechnician,
  fillVehicle,
  next,
  pickFiles,
  type TechnicianAnswers,
  type VehicleAnswers,
  waitForStep,
  waitForUploads,
} from './wizard-page.js';

export const NEXT_YEAR = new Date().getFullYear() + 1;

export const TECHNICIAN: TechnicianAnswers = {
  fullName: 'Dana Whitfield',
  techId: 'DW-2044',
  email: 'dana.whitfield@example.com',
  phone: '555 0100',
  district: 'North 7',
  state: 'TX',
  referredBy: 'Sam Ortega',
  industries: ['Laundry', 'Lawn & garden'],
};

/** 1HGCM82633A004352 is a real 2003 Honda Accord; the rest is typed over the decoded values. */
export const VEHICLE: VehicleAnswers = {
  vin: '1HGCM82633A004352',
  year: '2003',
  make: 'Honda',
  model: 'Accord EX',
  color: 'Blue',
  plate: 'TX 4417',
};

/** Enters the VIN, lets its lookup finish, then types the vehicle details by hand. */
export async function fillVehicleByHand(page: Page, answers: VehicleAnswers = VEHICLE): Promise<void> {
  await fillVehicle(page, { vin: answers.vin });
  await page.locator('.vin-decoded').filter({ hasNotText: 'Looking up' }).filter({ hasText: /\S/ }).waitFor();
  await fillVehicle(page, answers);
}

/** Fills the photos and documents step completely. */
export async function completeDocuments(page: Page, dir: string): Promise<void> {
  const photo = await writePhoto(dir, 'side.jpg', 640, 480, { r: 80, g: 80, b: 80 });
  const pdf = await writePdf(dir, 'document.pdf', 'Document');
  for (const slot of ['vehicle_front', 'vehicle_back', 'vehicle_left', 'vehicle_right']) {
    await pickFiles(page, slot, photo);
  }
  await pickFiles(page, 'insurance', pdf);
  await pickFiles(page, 'registration', pdf);
  await page.getByLabel('Insurance expiration date').fill(`${NEXT_YEAR}-05-01`);
  await page.getByLabel('Registration expiration date').fill(`${NEXT_YEAR}-05-01`);
  await waitForUploads(page);
}

/** Signs with the keyboard alternative: the typed name, drawn in a handwriting font. */
export async function signByTyping(page: Page, name: string): Promise<void> {
  await page.getByLabel('I have read the policy above and agree to its terms.').check();
  await page.getByRole('radio', { name: 'Type my name' }).check();
  await page.getByLabel('Type your full name to sign').fill(name);
}

/** From the first step to the review, signing by typing. */
export async function reachReview(
  page: Page,
  dir: string,
  answers: { technician?: TechnicianAnswers; vehicle?: VehicleAnswers; comment?: string } = {},
): Promise<void> {
  const technician = answers.technician ?? TECHNICIAN;
  await fillTechnician(page, technician);
  await next(page);
  await waitForStep(page, 'Vehicle');
  await fillVehicleByHand(page, answers.vehicle ?? VEHICLE);
  await next(page);
  await waitForStep(page, 'Photos & documents');
  await completeDocuments(page, dir);
  await next(page);
  await waitForStep(page, 'Policy & signature');
  await signByTyping(page, technician.fullName);
  if (answers.comment) await page.getByLabel('Anything we should know? (optional)').fill(answers.comment);
  await next(page);
  await waitForStep(page, 'Review & submit');
}
