/**
 * How a technician drives the wizard, as reusable steps for the browser tests. Controls are
 * found by their labels and roles, so the tests also prove that every control is labelled.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../../test-artifacts/screenshots');

export interface TechnicianAnswers {
  fullName: string;
  techId: string;
  email: string;
  phone?: string;
  district: string;
  /** The USPS code, e.g. IL. */
  state: string;
  referredBy?: string;
  /** Checkbox labels, e.g. "HVAC". */
  industries?: string[];
}

export interface VehicleAnswers {
  vin: string;
  year?: string;
  make?: string;
  model?: string;
  color?: string;
  plate?: string;
}

const pageErrors = new WeakMap<Page, string[]>();

/**
 * Opens the wizard and waits for a step, passing the start screen of a new enrollment (unless
 * `stayOnStart`); uncaught page errors are collected.
 */
export async function openWizard(context: BrowserContext, url: string, options: { stayOnStart?: boolean } = {}) {
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await passStartScreen(page, options);
  return page;
}

/** Waits for the start screen or a step; on the start screen, presses its button. */
export async function passStartScreen(page: Page, options: { stayOnStart?: boolean } = {}): Promise<void> {
  const start = page.locator('#start-heading');
  await page.locator('#step-heading, #start-heading').first().waitFor();
  if (options.stayOnStart || !(await start.isVisible())) return;
  await page.locator('.start-screen .button.primary').click();
  await page.locator('#step-heading').waitFor();
}

export function errorsOf(page: Page): string[] {
  return pageErrors.get(page) ?? [];
}

export function stepHeading(page: Page): Locator {
  return page.locator('#step-heading');
}

export async function waitForStep(page: Page, title: string): Promise<void> {
  await page.locator('#step-heading', { hasText: title }).waitFor();
}

/** Waits until the draft on the server holds everything typed so far. */
export async function waitForSaved(page: Page): Promise<void> {
  await page.locator('.save-status[data-status="saved"]').waitFor();
}

export async function next(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Next', exact: true }).click();
}

export async function back(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Back', exact: true }).click();
}

export async function fillTechnician(page: Page, answers: TechnicianAnswers): Promise<void> {
  await page.getByLabel('Full name', { exact: true }).fill(answers.fullName);
  await page.getByLabel('Tech ID', { exact: true }).fill(answers.techId);
  await page.getByLabel('Email', { exact: true }).fill(answers.email);
  if (answers.phone) await page.getByLabel('Mobile phone (optional)').fill(answers.phone);
  await page.getByLabel('District', { exact: true }).fill(answers.district);
  await page.getByLabel('State', { exact: true }).selectOption(answers.state);
  if (answers.referredBy) await page.getByLabel('Referred by (optional)').fill(answers.referredBy);
  for (const industry of answers.industries ?? []) {
    await page.getByRole('checkbox', { name: industry, exact: true }).check();
  }
}

export async function fillVehicle(page: Page, answers: VehicleAnswers): Promise<void> {
  await page.getByLabel('VIN (vehicle identification number)').fill(answers.vin);
  const optional: [string, string | undefined][] = [
    ['Model year', answers.year],
    ['Make', answers.make],
    ['Model', answers.model],
  ];
  for (const [label, value] of optional) {
    if (value !== undefined) await page.getByLabel(label, { exact: true }).fill(value);
  }
  if (answers.color) await page.getByLabel('Color (optional)').fill(answers.color);
  if (answers.plate) await page.getByLabel('License plate (optional)').fill(answers.plate);
}

/** Picks a file for a slot (`vehicle_front`, `insurance`, …) the way the file chooser would. */
export async function pickFiles(page: Page, slot: string, files: string | string[]): Promise<void> {
  await page.locator(`#field-${slot}`).setInputFiles(files);
}

/** Waits until no upload is in flight and the slot's files are in the draft. */
export async function waitForUploads(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.upload-status').count(), { timeout: 30_000 }).toBe(0);
}

/** Draws two strokes across the signature pad with the mouse. */
export async function drawSignature(page: Page): Promise<void> {
  const canvas = page.getByTestId('signature-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('The signature pad is not visible.');
  const strokes = [
    [
      [0.1, 0.7],
      [0.25, 0.3],
      [0.4, 0.65],
      [0.55, 0.35],
    ],
    [
      [0.6, 0.6],
      [0.75, 0.4],
      [0.9, 0.55],
    ],
  ];
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (!first) continue;
    await page.mouse.move(box.x + box.width * (first[0] ?? 0), box.y + box.height * (first[1] ?? 0));
    await page.mouse.down();
    for (const [x, y] of rest) {
      await page.mouse.move(box.x + box.width * (x ?? 0), box.y + box.height * (y ?? 0), { steps: 8 });
    }
    await page.mouse.up();
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
