/**
 * End to end: the real product in sandbox mode, /demo driven in Chromium (scripts/browser.mjs) through playwright-core.
 * An agent opens tickets, sees the shopper and orders, opens orders, reads tracking and refunds, writes a note,
 * and links a shopper to a ticket that had no match.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../bff/src/server.js';
import { SANDBOX_PERSONAS } from '../../bff/src/sandbox/index.js';
import { BROWSER_ARGS, requireBrowser } from '../../scripts/browser.mjs';

const eu = SANDBOX_PERSONAS.sbx1eu;
const us = SANDBOX_PERSONAS.sbx2us;

describe('the /demo desk in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startServer(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'oc-e2e-')),
        LOG_LEVEL: 'silent',
      },
      { database: ':memory:', defaultMetrics: false },
    );
    browser = await chromium.launch({ executablePath: requireBrowser(), args: [...BROWSER_ARGS] });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openTicket(ticket: string): Promise<FrameLocator> {
    await page.goto(`${server.url}/demo?ticket=${ticket}`);
    return page.frameLocator('iframe');
  }

  it('shows the matched shopper and their orders without incomplete ones', async () => {
    const widget = await openTicket('T-1001');
    await widget
      .getByRole('heading', { name: `${eu.registered.firstName} ${eu.registered.lastName}` })
      .waitFor();
    const rows = widget.locator('[data-order-id]');
    await rows.first().waitFor();
    const ids = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-order-id'))));
    assert.ok(ids.length >= 5, `expected several orders, got ${ids.length}`);
    assert.ok(!ids.includes(eu.orders.incomplete), 'incomplete orders are left out');
  });

  it('opens an order with shipments and a working tracking link', async () => {
    const widget = await openTicket('T-1001');
    await widget.locator(`[data-order-id="${eu.orders.shippedWithTracking}"]`).click();
    const detail = widget.locator('oc-order-detail');
    await detail.getByRole('heading', { name: new RegExp(`#${eu.orders.shippedWithTracking}`) }).waitFor();
    const tracking = detail.locator('a[href^="http"][target="_blank"]').filter({ hasNotText: 'BigCommerce' });
    assert.ok((await tracking.count()) >= 1, 'a tracking link is shown');
    const href = await tracking.first().getAttribute('href');
    assert.match(href ?? '', /^https:\/\//);
  });

  it('shows refunds with their amount for a refunded order in the US market', async () => {
    const widget = await openTicket('T-1006');
    await widget.locator(`[data-order-id="${us.orders.refunded}"]`).click();
    const detail = widget.locator('oc-order-detail');
    await detail.getByRole('heading', { name: /Refunds/ }).waitFor();
    const refunds = detail.locator('section', { has: page.locator('h3', { hasText: /^Refunds$/ }) });
    assert.match(await refunds.innerText(), /\$\d/);
  });

  it('writes a note onto the order that the shopper’s staff notes then show', async () => {
    const widget = await openTicket('T-1001');
    await widget.locator(`[data-order-id="${eu.orders.partiallyShipped}"]`).click();
    const composer = widget.locator('oc-note-composer');
    await composer.locator('textarea').fill('Kunde informiert: zweites Paket folgt.');
    await composer
      .getByRole('button')
      .filter({ hasText: /Notiz|note/i })
      .click();
    await composer
      .locator('.outcome')
      .filter({ hasText: /Notiz um .* geschrieben|Note written/ })
      .waitFor();
    const staffNotes =
      server.sandbox!.store('sbx1eu').data.getOrder(eu.orders.partiallyShipped)?.staff_notes ?? '';
    assert.match(staffNotes, /ticket T-1001 · agent demo\.agent/);
    assert.equal(
      staffNotes.split('Kunde informiert: zweites Paket folgt.').length,
      2,
      'written exactly once',
    );
  });

  it('queues a note while BigCommerce is down, says so, and shows it written once BigCommerce is back', async () => {
    const sandbox = server.sandbox!;
    const orderId = eu.orders.twoShippingAddresses;
    const widget = await openTicket('T-1001');
    await widget.locator(`[data-order-id="${orderId}"]`).click();
    const rule = sandbox.faults.add({ method: 'PUT', path: '/v2/orders/', errorRate: 1, status: 503 });

    const composer = widget.locator('oc-note-composer');
    await composer.locator('textarea').fill('Rückruf vereinbart.');
    await composer
      .getByRole('button')
      .filter({ hasText: /Notiz|note/i })
      .click();
    await composer
      .locator('.outcome')
      .filter({ hasText: /nicht erreichbar|unavailable/i })
      .waitFor();
    sandbox.faults.remove(rule);

    // The outbox worker retries with backoff; the widget follows the note by replaying its key.
    await composer
      .locator('.outcome')
      .filter({ hasText: /Notiz um .* geschrieben|Note written/ })
      .waitFor({ timeout: 60_000 });
    const staffNotes = sandbox.store('sbx1eu').data.getOrder(orderId)?.staff_notes ?? '';
    assert.equal(staffNotes.split('Rückruf vereinbart.').length, 2, 'written exactly once');
  });

  it('lets the agent search and link a shopper when nothing matched', async () => {
    const widget = await openTicket('T-1004');
    const search = widget.locator('oc-customer-search');
    await search.locator('input').fill(eu.registered.lastName);
    await search.locator('form button[type="submit"]').click();
    await search
      .getByRole('button', { name: new RegExp(`${eu.registered.firstName} ${eu.registered.lastName}`) })
      .click();
    await widget.locator('[data-order-id]').first().waitFor();
    // The link is remembered: a fresh token for the same ticket finds the shopper again.
    const again = await openTicket('T-1004');
    await again.locator('[data-order-id]').first().waitFor();
  });
});
