/**
 * The admin control center under test: the real app on a fresh SQLite data folder serving the
 * built client, accounts made the way people make them (a one-time setup link from
 * `byov admin create`, used in the browser), and enrollments submitted through the public API.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ByovRunner } from '../../../src/domain/admin/backups/byov-runner.js';
import { PASSWORD } from '../../support/admin-session.js';
import { startTestApp, type TestApp } from '../../support/app-harness.js';
import { runCli } from '../../support/server-process.js';
import { ensureClientBuilt } from './client-build.js';

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../../test-artifacts/screenshots');

/** What is on screen right now (a dialog over the page), rather than the whole page's length. */
export async function viewportScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

export interface AdminServer {
  url: string;
  testApp: TestApp;
  /** `byov <args>` on this server's data folder, as whoever runs the server would type it. */
  cli(args: string[]): ReturnType<typeof runCli>;
  close(): Promise<void>;
}

export async function startAdminServer(): Promise<AdminServer> {
  await ensureClientBuilt();
  let env: Record<string, string> = {};
  // "Back up now" runs `byov backup` the way the server does, but from the sources, on this data.
  const runByov: ByovRunner = async (args) => {
    const result = await runCli([...args], env);
    let json: unknown;
    try {
      json = JSON.parse(result.stdout);
    } catch {}
    return { exitCode: result.code, json, stderrTail: result.stderr.slice(-2000) };
  };
  const testApp = await startTestApp('sqlite', {}, undefined, { runByov });
  env = { DATA_DIR: testApp.dataDir, DATABASE_URL: '' };
  const url = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  return { url, testApp, cli: (args) => runCli(args, env), close: () => testApp.close() };
}

/** A one-time setup link from `byov admin create`, pointed at the test server's real address. */
export async function createSetupLink(server: AdminServer, email: string, role: 'admin' | 'reviewer' = 'admin') {
  const created = await server.cli(['admin', 'create', email, '--role', role, '--json']);
  expect(created.code, created.stderr).toBe(0);
  const { setupLink } = JSON.parse(created.stdout) as { setupLink: string };
  return setupAddress(server, setupLink);
}

/** The same link on the address the test server listens on (PUBLIC_URL names another port). */
export function setupAddress(server: AdminServer, link: string): string {
  const token = new URL(link).searchParams.get('token');
  expect(token).toBeTruthy();
  return `${server.url}/admin/setup?token=${token}`;
}

const pageErrors = new WeakMap<Page, string[]>();

/** A new tab that records uncaught script errors (a hostile value must never cause one). */
export async function newAdminPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

export function adminErrorsOf(page: Page): string[] {
  return pageErrors.get(page) ?? [];
}

/** Completes the setup page of a one-time link; the account is signed in afterwards. */
export async function setUpAccount(page: Page, link: string, account: { email: string; name: string }) {
  await page.goto(link);
  await page.getByRole('heading', { name: 'Set up your admin account' }).waitFor();
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Display name').fill(account.name);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Password again').fill(PASSWORD);
  await page.getByRole('button', { name: 'Set up account and sign in' }).click();
  await page.getByTestId('signed-in').waitFor();
}

export async function signIn(page: Page, url: string, email: string, password = PASSWORD) {
  await page.goto(`${url}/admin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Goes to a page through the navigation, the way a person would. */
export async function openSection(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Control center' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Opens an enrollment from the list by its technician's name. */
export async function openEnrollment(page: Page, fullName: string) {
  await page.getByRole('link', { name: fullName, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: fullName }).waitFor();
}

/** Waits for the list to show a result count (after a search, a filter or paging). */
export async function waitForList(page: Page) {
  await page
    .getByTestId('result-count')
    .filter({ hasText: /^\d+ enrollments?$/ })
    .waitFor();
}

/** Approves the open enrollment: "Approve…", then the confirmation dialog's Approve. */
export async function approveWithConfirmation(page: Page) {
  await page.getByRole('button', { name: 'Approve…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve enrollment' });
  await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
  return dialog;
}
