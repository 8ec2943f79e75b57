/**
 * Screenshots of the real product: starts it in sandbox mode, opens /demo in Chromium (scripts/browser.mjs) through
 * playwright-core, and saves the desk with the widget's list and detail views.
 *   npm run screenshot              -> docs/widget-*.png (the README shows them)
 *   npm run screenshot -- T-1006    -> one ticket
 *   npm run screenshot -- console   -> docs/console-*.png (the operations console; scripts/screenshot-console.ts)
 *   npm run screenshot -- search    -> docs/widget-T-1004-search.png (the shopper search, its preview and Undo)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer } from '../bff/src/server.js';
import { BROWSER_ARGS, requireBrowser } from './browser.mjs';
import { shootConsole } from './screenshot-console.js';

const OUT = path.resolve('docs');

async function main(): Promise<void> {
  const tickets = process.argv.slice(2);
  if (tickets[0] === 'console') {
    const browser = await chromium.launch({ executablePath: requireBrowser(), args: [...BROWSER_ARGS] });
    try {
      await shootConsole(browser, OUT);
    } finally {
      await browser.close();
    }
    return;
  }
  const server = await startServer(
    {
      ...process.env,
      PORT: '0',
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'oc-shot-')),
      LOG_LEVEL: 'warn',
    },
    { database: ':memory:' },
  );
  const browser = await chromium.launch({ executablePath: requireBrowser(), args: [...BROWSER_ARGS] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    if (tickets[0] === 'search') {
      await shootSearch(browser, page, server.url);
      return;
    }
    for (const ticket of tickets.length > 0 ? tickets : ['T-1001']) {
      await page.goto(`${server.url}/demo?ticket=${ticket}`);
      const frame = page.frameLocator('iframe');
      const widget = frame.locator('oc-order-context');
      await widget.locator('oc-order-detail h2, [data-order-id]').first().waitFor({ timeout: 15_000 });
      // A ticket that names its order (T-1001, T-1006) opens it first: that view, then Back to the list.
      let ticketOrder: Buffer | null = null;
      if ((await widget.locator('oc-order-detail').count()) > 0) {
        await page.waitForTimeout(500);
        ticketOrder = await page.locator('.info-area iframe').screenshot();
        await widget.locator('.back').click();
      }
      await widget.locator('[data-order-id]').first().waitFor({ timeout: 15_000 });
      // Back focuses the row it came from, which scrolls the list; the pictures start at the top.
      await page.waitForTimeout(300);
      await page
        .frames()
        .find((f) => f.url().includes('/widget/'))
        ?.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(200);
      await page.screenshot({ path: path.join(OUT, `desk-${ticket}.png`) });
      await page.locator('.info-area').screenshot({ path: path.join(OUT, `widget-${ticket}-list.png`) });
      const list = await page.locator('.info-area iframe').screenshot();
      await widget.locator('[data-order-id]').first().click();
      await widget.locator('oc-order-detail').waitFor({ timeout: 15_000 });
      await page.waitForTimeout(500);
      await page.locator('.info-area').screenshot({ path: path.join(OUT, `widget-${ticket}-detail.png`) });
      console.log(
        `saved docs/desk-${ticket}.png, docs/widget-${ticket}-list.png, docs/widget-${ticket}-detail.png`,
      );
      if (ticketOrder) {
        // One picture of the ticket's answer: the card with the customer summary and the marked row, beside the
        // ticket's order as it opened.
        const sheet = await browser.newPage({ viewport: { width: 1000, height: 900 } });
        const image = (png: Buffer) => `<img src="data:image/png;base64,${png.toString('base64')}" alt="">`;
        await sheet.setContent(
          `<body style="margin:0"><div id="sheet" style="display:inline-flex;gap:16px;padding:16px;background:#e9edf2">${image(list)}${image(ticketOrder)}</div></body>`,
        );
        await sheet
          .locator('#sheet')
          .screenshot({ path: path.join(OUT, `widget-${ticket}-ticket-order.png`) });
        await sheet.close();
        console.log(`saved docs/widget-${ticket}-ticket-order.png`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * T-1004 has no match: the agent searches "oeztuerk" (the index answers, so every spelling counts), and the results
 * show the two Lukas Öztürk apart; then the preview of one, and the Undo after linking it. One sheet of three.
 */
async function shootSearch(browser: Browser, page: Page, url: string): Promise<void> {
  await page.goto(`${url}/demo?ticket=T-1004`);
  const search = page.frameLocator('iframe').locator('oc-customer-search');
  await search.locator('input').fill('oeztuerk');
  await search.locator('form button[type="submit"]').click();
  await search.locator('ul.list > li').first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(300);
  const shots: Buffer[] = [await page.locator('.info-area iframe').screenshot()];
  await search.locator('ul.list button').first().click();
  await search.locator('.preview').waitFor();
  await page.waitForTimeout(300);
  shots.push(await page.locator('.info-area iframe').screenshot());
  await search.locator('.confirm').click();
  await search.locator('button.undo').waitFor();
  await page.waitForTimeout(800);
  shots.push(await page.locator('.info-area iframe').screenshot());
  const sheet = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const images = shots
    .map((png) => `<img src="data:image/png;base64,${png.toString('base64')}" alt="">`)
    .join('');
  await sheet.setContent(
    `<body style="margin:0"><div id="sheet" style="display:inline-flex;gap:16px;padding:16px;background:#e9edf2">${images}</div></body>`,
  );
  await sheet.locator('#sheet').screenshot({ path: path.join(OUT, 'widget-T-1004-search.png') });
  await sheet.close();
  console.log('saved docs/widget-T-1004-search.png');
}

await main();
