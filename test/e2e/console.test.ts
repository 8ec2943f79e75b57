/**
 * End to end: the operations console in Chromium against the real product in sandbox mode. An operator enters the
 * admin token, sees every store's card with its state, watches a store fail when its BigCommerce goes down,
 * finds a failed widget request's correlation ID in the error log, and runs an action; the page is axe clean,
 * logs nothing to the console, and /demo's link opens it with the token filled in.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../bff/src/server.js';

const ADMIN_TOKEN = 'e2e-console-admin-token-0123456789';
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: unknown[] }[];
}

/** axe-core run in the page (through the DevTools protocol, so the page's CSP needs no exception). */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

describe('the operations console in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Console messages of type error and uncaught exceptions on the console's page. */
  const problems: string[] = [];

  before(async () => {
    server = await startServer(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'oc-e2e-console-')),
        LOG_LEVEL: 'silent',
        ADMIN_TOKEN,
        // Without the sync room a ticket view asks BigCommerce live, so the store's outage reaches the widget
        // (with sync on, the view is answered from the index: test/bff/sync). The delta action then answers 501.
        SYNC: 'off',
      },
      { database: ':memory:', defaultMetrics: false },
    );
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const card = (label: string) => page.locator('oc-store-card', { hasText: label });

  it('asks for the token, refuses a wrong one, and shows a card per store with its state', async () => {
    await page.goto(`${server.url}/admin/`);
    const input = page.getByLabel('Admin token');
    await input.fill('not-the-admin-token');
    await page.getByRole('button', { name: 'Open the console' }).click();
    await page.getByRole('alert').filter({ hasText: 'That is not the admin token' }).waitFor();

    await input.fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Open the console' }).click();

    await card('Sandbox EU').locator('.badge[data-state="healthy"]').waitFor();
    await card('Sandbox US').locator('.badge[data-state="healthy"]').waitFor();
    assert.equal(await card('Sandbox EU').locator('.badge').innerText(), 'Healthy');
    assert.equal(new URL(page.url()).search, '', 'the token never goes into the address');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('oc-admin-token')), ADMIN_TOKEN);
  });

  it('is axe clean', async () => {
    const violations = await axeViolations(page);
    assert.deepEqual(violations, []);
  });

  it('shows a store failing while its BigCommerce is down, and finds a failed widget request in the error log', async () => {
    server.sandbox!.store('sbx1eu').faults.set({ outage: true });
    // An agent opens a ticket of that store: the widget's request fails and shows its correlation ID.
    const desk = await context.newPage();
    await desk.goto(`${server.url}/demo?ticket=T-1003`);
    const code = desk.frameLocator('iframe').locator('oc-error-panel code');
    await code.waitFor({ timeout: 30_000 });
    const correlationId = (await code.innerText()).trim();
    await desk.close();

    await card('Sandbox EU').locator('.badge[data-state="failing"]').waitFor({ timeout: 15_000 });
    assert.match(await card('Sandbox EU').locator('.reasons').innerText(), /BigCommerce did not answer/);
    assert.equal(await card('Sandbox US').locator('.badge').getAttribute('data-state'), 'healthy');

    await page.locator('#correlation-id').fill(correlationId);
    await page.locator('#store-filter').selectOption('eu');
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.locator(`tr[data-correlation-id="${correlationId}"]`);
    await row.first().waitFor();
    assert.match(await row.first().innerText(), /eu/);
    server.sandbox!.store('sbx1eu').faults.clear();
  });

  it('runs an action and says what came of it, and the audit entry shows in the log', async () => {
    const eu = card('Sandbox EU');
    await eu.getByRole('button', { name: 'Retry failed notes' }).click();
    await eu.getByRole('status').filter({ hasText: 'There were no failed notes to retry.' }).waitFor();

    await eu.getByRole('button', { name: 'Run a delta now' }).click();
    await eu
      .getByRole('status')
      .filter({ hasText: /needs the sync room/ })
      .waitFor();

    await page.locator('#correlation-id').fill('');
    await page.locator('#store-filter').selectOption('');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('tr', { hasText: 'Operator action' }).first().waitFor();
  });

  it('stays axe clean with a failing store, reasons, results and the error log filled', async () => {
    assert.deepEqual(await axeViolations(page), []);
  });

  it('logged no errors and no CSP refusals on the console page, only the refusals the test provoked', () => {
    // Chromium logs every HTTP error answer; these are the wrong token (status and error log ask at once: 403
    // each, though the second is cancelled when the first refusal comes back before it, so one or two) and the
    // delta run without a sync room (501). Anything else — a script error, a CSP refusal, a 404 — fails here.
    const resource = (status: string) =>
      `Failed to load resource: the server responded with a status of ${status}`;
    const refusals = problems.filter((problem) => problem === resource('403 (Forbidden)'));
    assert.ok(refusals.length >= 1 && refusals.length <= 2, problems.join('\n'));
    assert.deepEqual(
      problems.filter((problem) => problem !== resource('403 (Forbidden)')),
      [resource('501 (Not Implemented)')],
    );
  });

  it('opens from /demo with the sandbox’s admin token filled in, never in the address', async () => {
    const sandboxServer = await startServer(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'oc-e2e-console-demo-')),
        LOG_LEVEL: 'silent',
      },
      { database: ':memory:', defaultMetrics: false },
    );
    const fresh = await browser.newContext();
    try {
      const desk = await fresh.newPage();
      await desk.goto(`${sandboxServer.url}/demo`);
      const [consolePage] = await Promise.all([
        fresh.waitForEvent('page'),
        desk.getByRole('link', { name: 'Open the operations console' }).click(),
      ]);
      await consolePage.locator('oc-store-card').first().waitFor();

      assert.equal(new URL(consolePage.url()).pathname, '/admin/');
      assert.equal(new URL(consolePage.url()).search, '');
      assert.equal(
        await consolePage.evaluate(() => sessionStorage.getItem('oc-admin-token')),
        sandboxServer.config.adminToken,
      );
      assert.equal(
        await consolePage.locator('meta[name="oc-admin-token"]').count(),
        0,
        'the hand-over tag is gone',
      );

      // The desk's sandbox control breaks a store; the console shows it.
      await desk.locator('#fault-store').selectOption('us');
      await desk.getByRole('button', { name: 'Outage' }).click();
      await desk.locator('.faults-now', { hasText: 'us: outage' }).waitFor();
      await consolePage.reload();
      await consolePage
        .locator('oc-store-card', { hasText: 'Sandbox US' })
        .locator('.badge[data-state="failing"]')
        .waitFor({ timeout: 15_000 });
    } finally {
      await fresh.close();
      await sandboxServer.close();
    }
  });
});
