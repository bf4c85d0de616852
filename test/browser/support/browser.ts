/**
 * Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core (we never
 * download a browser). Without it the suites are skipped loudly, unless BYOV_REQUIRE_BROWSER
 * is set (CI sets it), in which case they run and fail on launch with an explanation.
 */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const PHONE: BrowserContextOptions = {
  viewport: { width: 375, height: 667 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };

function isBrowserRequired(): boolean {
  const flag = process.env.BYOV_REQUIRE_BROWSER;
  return flag !== undefined && flag !== '' && flag !== '0';
}

let warned = false;

/** True when the browser suites must be skipped (after printing why, once per file). */
export function shouldSkipBrowserTests(): boolean {
  if (existsSync(CHROMIUM_PATH) || isBrowserRequired()) return false;
  if (!warned) {
    warned = true;
    const bar = '!'.repeat(78);
    process.stderr.write(
      [
        '',
        bar,
        '!!  BROWSER TESTS ARE BEING SKIPPED',
        `!!  Chromium was not found at ${CHROMIUM_PATH}.`,
        '!!  Install it (Debian: apt-get install -y --no-install-recommends chromium);',
        '!!  never run `playwright install`. Set BYOV_REQUIRE_BROWSER=1 to make this an error.',
        bar,
        '',
      ].join('\n'),
    );
  }
  return true;
}

/** `extraArgs`: more Chromium switches, such as `--host-resolver-rules` to map a host name. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `BYOV_REQUIRE_BROWSER is set but Chromium is missing at ${CHROMIUM_PATH}. ` +
        'Install it with: apt-get install -y --no-install-recommends chromium',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...LAUNCH_ARGS, ...extraArgs] });
}

/** A fresh context (its own storage, like another device) that fails tests on page errors. */
export async function newContext(browser: Browser, options: BrowserContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, acceptDownloads: true });
  // Generous: on a machine whose cores are busy, pages render slowly but still render.
  context.setDefaultTimeout(60_000);
  return context;
}
