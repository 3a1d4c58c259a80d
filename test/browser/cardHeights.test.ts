/**
 * Every card but the request form fits a 1366x768 screen without scrolling (issue 11): each card
 * of the gallery rendered by the `adaptivecards` renderer in Debian's Chromium, at the width a
 * Teams message gets there, its height measured. A screenshot of each goes to
 * test/.artifacts/cards/ for a person to look at.
 *
 * The budget: 768 px of screen, less Teams' title bar (48), the chat's header (64), the compose box
 * (110) and the message's own header and margins (40): 506 px of card. The width: 1366 px less
 * the app bar (68) and the chat list (320), less the message's margins: about 600 px.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardGallery } from '../cards/cardGallery.js';
import { chromiumPath, hasChromium, requireChromium } from './playgroundSession.js';
import { inBrowser, sessionTimeout } from './browserTimeouts.js';

requireChromium('test/browser/cardHeights.test.ts');
const artifacts = resolve(import.meta.dirname, '..', '.artifacts', 'cards');
const require = createRequire(import.meta.url);

export const cardWidth = 600;
export const cardHeightBudget = 506;

describe.skipIf(!hasChromium)('every card fits a 1366x768 screen', inBrowser, () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.setContent(`<!doctype html><html><body style="margin:0;font-family:'Segoe UI',sans-serif;background:#f5f5f5"><div id="host" style="width:${cardWidth}px;background:#fff"></div></body></html>`);
    await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
  }, sessionTimeout);
  afterAll(() => browser?.close(), sessionTimeout);

  it.each(cardGallery.map((g) => [g.name, g.card] as const))('%s', async (name, card) => {
    const height = await page.evaluate((json) => {
      const w = window as unknown as { AdaptiveCards: any };
      const host = document.getElementById('host')!;
      host.innerHTML = '';
      const adaptive = new w.AdaptiveCards.AdaptiveCard();
      adaptive.parse(json);
      const element = adaptive.render();
      host.appendChild(element);
      return element.getBoundingClientRect().height;
    }, card as unknown as Record<string, unknown>);
    await page.locator('#host').screenshot({ path: join(artifacts, `${name}.png`) });
    expect(height, `${name} is ${Math.round(height)} px tall`).toBeLessThanOrEqual(cardHeightBudget);
  });
});
