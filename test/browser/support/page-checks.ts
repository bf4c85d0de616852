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

/** The elements that reach past the window's right edge, deepest first, to say what to fix. */
async function elementsPastTheEdge(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.right <= width + 0.5 || box.width === 0) continue;
      if ([...el.children].some((child) => child.getBoundingClientRect().right > width + 0.5)) continue;
      const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
      found.push(name + ' ends at ' + Math.round(box.right));
      if (found.length === 5) break;
    }
    return found;
  })()`)) as string[];
}

export async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const overflow = await sidewaysOverflow(page);
  const culprits = overflow > 0 ? (await elementsPastTheEdge(page)).join('; ') : '';
  expect(overflow, `${where} scrolls sideways (${culprits})`).toBeLessThanOrEqual(0);
}

/** How many lines of text an element takes, from its height and its line height. */
/** The tests compile without the DOM types: what runs in the page reaches it through the element. */
// biome-ignore lint/suspicious/noExplicitAny: a DOM element, typed loosely because the tests have no DOM lib
type PageElement = any;

function countLines(element: PageElement): number {
  const style = element.ownerDocument.defaultView.getComputedStyle(element);
  const lineHeight = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.2;
  const range = element.ownerDocument.createRange();
  range.selectNodeContents(element);
  const tops: number[] = [...range.getClientRects()]
    .filter((rect: { width: number }) => rect.width > 0)
    .map((rect: { top: number }) => rect.top)
    .sort((a: number, b: number) => a - b);
  let lines = tops.length > 0 ? 1 : 0;
  for (let i = 1; i < tops.length; i++) if ((tops[i] ?? 0) - (tops[i - 1] ?? 0) > lineHeight / 2) lines++;
  return Math.max(1, lines);
}

/** How many lines of text an element takes, from where its text's boxes start. */
export async function linesOf(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate(countLines);
}

/** A computed style property of the first element matching the locator (or of its `::before`). */
export async function computedStyle(locator: Locator, property: string, pseudo?: '::before'): Promise<string> {
  return locator
    .first()
    .evaluate(
      (element: PageElement, [name, part]: [string, string | null]) =>
        String(element.ownerDocument.defaultView.getComputedStyle(element, part).getPropertyValue(name)),
      [property, pseudo ?? null] as [string, string | null],
    );
}
