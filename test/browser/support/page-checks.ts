/**
 * Checks every page of the product must pass, for the browser tests: axe-core (injected from
 * node_modules, so it needs a context with `bypassCSP`) finds no violation, and nothing makes
 * the page scroll sideways.
 */
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** The violations axe-core finds on the page as it is now, as readable one-liners. */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate('typeof window.axe !== "undefined"');
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  const violations = (await page.evaluate(
    'window.axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)',
  )) as AxeViolation[];
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  expect(await axeViolations(page), where).toEqual([]);
}

/** How far the page is wider than the window: 0 when nothing scrolls sideways. */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return Number(
    await page.evaluate(
      'Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth',
    ),
  );
}

export async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  expect(await sidewaysOverflow(page), `${where} scrolls sideways`).toBeLessThanOrEqual(0);
}

/** How many lines of text an element takes, from its height and its line height. */
const COUNT_LINES = `(element) => {
  const style = getComputedStyle(element);
  const lineHeight = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.2;
  const range = document.createRange();
  range.selectNodeContents(element);
  const tops = [...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => rect.top).sort((a, b) => a - b);
  let lines = tops.length > 0 ? 1 : 0;
  for (let i = 1; i < tops.length; i++) if (tops[i] - tops[i - 1] > lineHeight / 2) lines++;
  return Math.max(1, lines);
}`;

/** How many lines of text an element takes, from where its text's boxes start. */
export async function linesOf(page: Page, selector: string): Promise<number> {
  return Number(await page.locator(selector).first().evaluate(COUNT_LINES));
}

/** A computed style property of the first element matching the locator. */
export async function computedStyle(locator: Locator, property: string): Promise<string> {
  return String(
    await locator
      .first()
      .evaluate(`(element) => getComputedStyle(element).getPropertyValue(${JSON.stringify(property)})`),
  );
}
