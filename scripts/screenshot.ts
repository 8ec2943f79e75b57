/**
 * Screenshots of the real product: starts it in sandbox mode, opens /demo in Chromium (scripts/browser.mjs) through
 * playwright-core, and saves the desk with the widget's list and detail views.
 *   npm run screenshot              -> docs/widget-*.png (the README shows them)
 *   npm run screenshot -- T-1006    -> one ticket
 *   npm run screenshot -- console   -> docs/console-*.png (the operations console; scripts/screenshot-console.ts)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
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
    for (const ticket of tickets.length > 0 ? tickets : ['T-1001']) {
      await page.goto(`${server.url}/demo?ticket=${ticket}`);
      const frame = page.frameLocator('iframe');
      await frame.locator('oc-order-context').locator('[data-order-id]').first().waitFor({ timeout: 15_000 });
      await page.screenshot({ path: path.join(OUT, `desk-${ticket}.png`) });
      await page.locator('.info-area').screenshot({ path: path.join(OUT, `widget-${ticket}-list.png`) });
      await frame.locator('oc-order-context').locator('[data-order-id]').first().click();
      await frame.locator('oc-order-context').locator('oc-order-detail').waitFor({ timeout: 15_000 });
      await page.waitForTimeout(500);
      await page.locator('.info-area').screenshot({ path: path.join(OUT, `widget-${ticket}-detail.png`) });
      console.log(
        `saved docs/desk-${ticket}.png, docs/widget-${ticket}-list.png, docs/widget-${ticket}-detail.png`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
