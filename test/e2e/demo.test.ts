/**
 * End to end: the real product in sandbox mode, /demo driven in Chromium (scripts/browser.mjs) through playwright-core.
 * An agent opens tickets, sees the shopper and orders, opens orders, reads tracking and refunds, copies the
 * tracking number and a reply, writes a note, links a shopper to a ticket that had no match, and cancels an
 * order awaiting fulfillment from a ticket whose agent may.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../bff/src/server.js';
import { SANDBOX_PERSONAS } from '../../bff/src/sandbox/index.js';
import { BROWSER_ARGS, requireBrowser } from '../../scripts/browser.mjs';

const eu = SANDBOX_PERSONAS.sbx1eu;
const us = SANDBOX_PERSONAS.sbx2us;

/** The text an agent sees in an element, through its shadow roots (innerText stops at them). */
function deepText(locator: Locator): Promise<string> {
  // No named inner functions: tsx would wrap them in a helper the browser does not have.
  return locator.evaluate((root) => {
    const parts: string[] = [];
    const stack: Node[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.nodeType === Node.TEXT_NODE) {
        parts.push(node.textContent ?? '');
        continue;
      }
      if (node instanceof HTMLStyleElement || (node instanceof Element && node.closest('.sr-only'))) continue;
      parts.push(' ');
      const scope = node instanceof Element && node.shadowRoot ? node.shadowRoot : node;
      stack.push(...[...scope.childNodes].reverse());
    }
    return parts.join('').replace(/\s+/g, ' ').trim();
  });
}

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
    // The agent's copy buttons write to the clipboard; the test reads it back.
    const browserContext = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    page = await browserContext.newPage();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openTicket(ticket: string): Promise<FrameLocator> {
    await page.goto(`${server.url}/demo?ticket=${ticket}`);
    return page.frameLocator('iframe');
  }

  /** The ticket's order list: a ticket that names its order (T-1001, T-1006) opens that first; Back leaves it. */
  async function openList(ticket: string): Promise<FrameLocator> {
    const widget = await openTicket(ticket);
    await widget.locator('oc-order-detail h2, [data-order-id]').first().waitFor();
    if ((await widget.locator('oc-order-detail').count()) > 0) await widget.locator('.back').click();
    await widget.locator('[data-order-id]').first().waitFor();
    return widget;
  }

  /** The claims of the embed token /demo signs for a ticket (read from its redirect, as the widget page gets it). */
  async function demoClaims(ticket: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${server.url}/demo/tickets/${ticket}/widget`, { redirect: 'manual' });
    const token = new URL(response.headers.get('location') ?? '', server.url).searchParams.get('token') ?? '';
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  }

  it('shows the matched shopper and their orders without incomplete ones', async () => {
    const widget = await openList('T-1001');
    await widget
      .getByRole('heading', { name: `${eu.registered.firstName} ${eu.registered.lastName}` })
      .waitFor();
    const rows = widget.locator('[data-order-id]');
    await rows.first().waitFor();
    const ids = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-order-id'))));
    assert.ok(ids.length >= 5, `expected several orders, got ${ids.length}`);
    assert.ok(!ids.includes(eu.orders.incomplete), 'incomplete orders are left out');
  });

  it('T-1001’s token carries order 521, and the widget opens #521 with its tracking first', async () => {
    const claims = await demoClaims('T-1001');
    assert.equal(claims.order, eu.orders.shippedWithTracking);
    assert.equal(eu.orders.shippedWithTracking, 521);
    assert.ok(Date.parse(String(claims.ticketCreatedAt)) < Date.now(), 'when the ticket was opened');

    const widget = await openTicket('T-1001');
    const detail = widget.locator('oc-order-detail');
    await detail.getByRole('heading', { name: new RegExp(`#${eu.orders.shippedWithTracking}`) }).waitFor();

    // The first section under the header is the shipments, with a working tracking link.
    const firstSection = detail.locator('article > section').first();
    assert.equal(await firstSection.locator('h3').innerText(), 'Sendungen');
    const tracking = firstSection.locator('a[href^="http"][target="_blank"]');
    assert.ok((await tracking.count()) >= 1, 'a tracking link is shown');
    assert.match((await tracking.first().getAttribute('href')) ?? '', /^https:\/\//);
    // Back: the list marks the ticket's order.
    await widget.locator('.back').click();
    const row = widget.locator(`[data-order-id="${eu.orders.shippedWithTracking}"]`);
    await row.waitFor();
    assert.match(await deepText(row), /Aus dem Ticket/);
  });

  it('shows the customer summary in the card, from the index, in German', async () => {
    const widget = await openList('T-1001');
    const card = await deepText(widget.locator('oc-customer-card'));

    assert.match(card, /Bestellungen \d+/);
    assert.match(card, /Umsatz [\d.,]+\s€/);
    assert.match(card, /Kunde seit \d{2}\.\d{2}\.\d{4}/);
    assert.match(card, /Letzte Bestellung \d{2}\.\d{2}\.\d{4}/);
    assert.match(card, /Kundengruppe (Stammkunden|Großhandel|VIP)/);
  });

  it('marks an order shipped after the ticket opened, and its detail says so', async () => {
    // Not the order T-1008 cancels later: a second parcel for the partly shipped one.
    const orderId = eu.orders.partiallyShipped;
    const widget = await openList('T-1001');
    server.sandbox!.store('sbx1eu').mutate.addShipment(orderId);

    // The webhook brings the change within seconds; a refresh shows it.
    const row = widget.locator(`[data-order-id="${orderId}"]`);
    const deadline = Date.now() + 20_000;
    while (!/Seit Ticket geändert/.test(await deepText(row))) {
      assert.ok(Date.now() < deadline, 'the changed order is marked');
      await page.waitForTimeout(250);
      await widget.locator('oc-freshness-label button').first().click();
    }
    await row.click();
    const since = widget.locator('oc-since-ticket');
    await since.locator('li').first().waitFor();
    assert.match(await deepText(since), /Seit Ticketeingang.*Sendung angelegt/);
  });

  it('opens T-1006’s refunded order at once, refunds first, with their amount (US market)', async () => {
    const widget = await openTicket('T-1006');
    const detail = widget.locator('oc-order-detail');
    await detail.getByRole('heading', { name: new RegExp(`#${us.orders.refunded}`) }).waitFor();
    assert.equal(await detail.locator('article > section').first().locator('h3').innerText(), 'Refunds');
    await detail.getByRole('heading', { name: /Refunds/ }).waitFor();
    // The rows come with their own chunk (only for an order that has refunds), slotted into that section.
    const refunds = widget.locator('oc-order-refunds[slot="refunds"] .amount').first();
    await refunds.waitFor();
    assert.match(await refunds.innerText(), /\$\d/);
  });

  it('writes a note onto the order that the shopper’s staff notes then show', async () => {
    const widget = await openList('T-1001');
    await widget.locator(`[data-order-id="${eu.orders.partiallyShipped}"]`).click();
    // The composer loads when the agent asks to write.
    await widget.locator('.compose').click();
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
    const widget = await openList('T-1001');
    await widget.locator(`[data-order-id="${orderId}"]`).click();
    const rule = sandbox.faults.add({ method: 'PUT', path: '/v2/orders/', errorRate: 1, status: 503 });

    await widget.locator('.compose').click();
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

  it('a German session (T-1001, de-DE) shows no English label we own, on the list and an order', async () => {
    const widget = await openList('T-1001');
    const list = await deepText(widget.locator('oc-order-context'));
    await widget.locator(`[data-order-id="${eu.orders.shippedWithTracking}"]`).click();
    await widget.locator('oc-order-detail section').first().waitFor();
    await widget.locator('.compose').click();
    await widget.locator('oc-note-composer textarea').waitFor();
    const detail = await deepText(widget.locator('oc-order-context'));

    assert.match(list, /Bestellungen/);
    assert.match(detail, /Sendungen/);
    // Words of ours that used to leak onto the German desk (merchant labels and shopper data are theirs).
    const english =
      /\b(Orders?|Shipped|Completed|Refunded|Awaiting|Pending|Cancelled|captured|authorized|purchase|refund|credit_card|Credit card|Germany|Total|Payment|Shipments|Items|Refresh|ago|Back|Copy|Write a note|Guest|Why this match)\b/;
    assert.doesNotMatch(list, english, 'the list');
    assert.doesNotMatch(detail, english, 'the order');
  });

  it('copies a tracking number, and a reply with the tracking, to the clipboard', async () => {
    const widget = await openList('T-1001');
    await widget.locator(`[data-order-id="${eu.orders.shippedWithTracking}"]`).click();
    const detail = widget.locator('oc-order-detail');
    const tracking = detail.locator('.tracking').first();
    const number = ((await tracking.locator('a, span').first().innerText()).match(/[A-Z0-9]{8,}/) ?? [''])[0];
    assert.ok(number, 'a tracking number is shown');

    await tracking.locator('oc-copy-button button').click();
    await tracking.locator('oc-copy-button [role="status"]', { hasText: 'Kopiert' }).waitFor();
    const frame = page.frames().find((f) => f.url().includes('/widget/'))!;
    assert.equal(await frame.evaluate(() => navigator.clipboard.readText()), number);

    await detail.getByRole('button', { name: 'Als Antwort kopieren' }).click();
    await detail.locator('oc-reply-preview [role="status"]', { hasText: 'Antwort kopiert' }).waitFor();
    const reply = await frame.evaluate(() => navigator.clipboard.readText());
    assert.match(reply, new RegExp(`^Ihre Bestellung #${eu.orders.shippedWithTracking} vom `));
    assert.match(reply, new RegExp(`Sendungsnummer ${number}`));
  });

  it('finds the 320-order shopper’s refunded order from last spring by filter in one step (T-1005)', async () => {
    const spring = server
      .sandbox!.store('sbx1eu')
      .data.getOrdersByEmail(eu.manyOrders.email)
      .filter((order) => {
        const at = Date.parse(order.date_created);
        return order.status_id === 4 && at >= Date.UTC(2026, 2, 1) && at < Date.UTC(2026, 5, 1);
      });
    assert.equal(spring.length, 1, 'one refunded order last spring');
    const widget = await openTicket('T-1005');
    const history = widget.locator('oc-order-history');
    const list = widget.locator('oc-order-list');
    await history.locator('[role="status"]').waitFor();
    assert.match(await deepText(history.locator('[role="status"]')), /\d+ Bestellungen/);

    // Paged in place: three pages on, the list is as long as the first.
    const firstHeight = (await list.boundingBox())!.height;
    for (let page = 2; page <= 4; page += 1) {
      await history.getByRole('button', { name: 'Ältere Bestellungen' }).click();
      await history.getByText(`Seite ${page}`).waitFor();
    }
    assert.equal(await list.locator('[data-order-id]').count(), 20);
    assert.ok((await list.boundingBox())!.height <= firstHeight + 40, 'the list does not grow');

    await history.getByRole('button', { name: 'Bestellungen filtern' }).click();
    const form = history.locator('oc-order-filter form');
    await form.getByLabel('Status').selectOption('4');
    await form.getByLabel('Erstellt ab').fill('2026-03-01');
    await form.getByLabel('Erstellt bis').fill('2026-05-31');
    await form.getByRole('button', { name: 'Filter anwenden' }).click();

    const found = list.locator(`[data-order-id="${spring[0]!.id}"]`);
    await found.waitFor();
    assert.equal(await list.locator('[data-order-id]').count(), 1);
    assert.match(
      await deepText(history.locator('[role="status"]')),
      /^1 von \d+ Bestellungen passen zum Filter$/,
    );
    assert.equal(
      await found.evaluate((row) => (row.getRootNode() as ShadowRoot).activeElement === row),
      true,
      'focus on the order found',
    );
  });

  it('the widget page reads its token and removes it from the address', async () => {
    const widget = await openTicket('T-1001');
    await widget.locator('oc-order-detail h2, [data-order-id]').first().waitFor();
    const frame = page.frames().find((f) => f.url().includes('/widget/'))!;
    assert.equal(new URL(frame.url()).search, '');
  });

  it('finds "oeztuerk" with both Lukas Öztürk told apart, links one after a preview, undoes, and links again', async () => {
    const widget = await openTicket('T-1004');
    const search = widget.locator('oc-customer-search');
    await search.locator('input').fill('oeztuerk');
    await search.locator('form button[type="submit"]').click();
    const registeredCity = server.sandbox!.store('sbx1eu').data.getCustomer(eu.registered.customerId)!
      .addresses[0]!.city;
    const results = search.locator('ul.list > li');
    await results.first().waitFor();
    const texts = await results.allInnerTexts();
    const lukas = texts.filter((text) =>
      text.includes(`${eu.registered.firstName} ${eu.registered.lastName}`),
    );
    assert.equal(lukas.length, 2, texts.join(' | '));
    assert.ok(lukas.some((text) => text.includes(eu.registered.email) && text.includes(registeredCity)));
    assert.ok(lukas.some((text) => text.includes(eu.namesake.email) && text.includes(eu.namesake.city)));

    // Keyboard only: the result's button, the preview (focus on Link), Enter; then Undo has the focus.
    await search.getByRole('button', { name: new RegExp(`Lukas Öztürk, ${registeredCity}`) }).focus();
    await page.keyboard.press('Enter');
    const preview = search.locator('.preview');
    await preview.waitFor();
    assert.match(await deepText(preview), new RegExp(eu.registered.email.replace(/\./g, '\\.')));
    await page.keyboard.press('Enter');
    await widget.locator('[data-order-id]').first().waitFor();
    const undo = search.locator('button.undo');
    await undo.waitFor();
    assert.equal(
      await undo.evaluate((button) => (button.getRootNode() as ShadowRoot).activeElement === button),
      true,
    );
    assert.match(await deepText(widget.locator('oc-customer-card')), new RegExp(eu.registered.email));

    await page.keyboard.press('Enter');
    await search.locator('input').waitFor();
    await widget.locator('[data-order-id]').first().waitFor({ state: 'detached' });
    assert.match(await deepText(search), /The link was undone\./);

    // Linked again, and remembered: a fresh token for the same ticket finds the shopper.
    await search.getByRole('button', { name: new RegExp(`Lukas Öztürk, ${registeredCity}`) }).click();
    await search.locator('.confirm').click();
    await widget.locator('[data-order-id]').first().waitFor();
    const again = await openTicket('T-1004');
    await again.locator('[data-order-id]').first().waitFor();
  });

  it('cancels an order awaiting fulfillment from T-1008: warned, audited, and shown at once', async () => {
    const orderId = eu.orders.withStaffNotes;
    const widget = await openTicket('T-1008');
    await widget.locator(`[data-order-id="${orderId}"]`).click();
    const detail = widget.locator('oc-order-detail');
    await detail.getByRole('heading', { name: new RegExp(`#${orderId}`) }).waitFor();

    // Keyboard only: the button, the dialog (the caret is in the reason), Enter on "Status ändern".
    await widget.getByRole('button', { name: 'Status ändern' }).focus();
    await page.keyboard.press('Enter');
    const dialog = widget.getByRole('dialog', { name: `Status von Bestellung #${orderId} ändern` });
    await dialog.waitFor();
    assert.match(await deepText(dialog), /eventuell eine E-Mail/);
    assert.match(await deepText(dialog), /Neuer Status: Storniert/);
    await page.keyboard.type('Kunde hat per Mail storniert.');
    await dialog.locator('button[type="submit"]').focus();
    await page.keyboard.press('Enter');
    await dialog
      .getByRole('status')
      .filter({ hasText: /Erledigt/ })
      .waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await detail
      .locator('header .status')
      .filter({ hasText: /Storniert|Cancelled/ })
      .waitFor();
    assert.equal(server.sandbox!.store('sbx1eu').data.getOrder(orderId)?.status_id, 5);
    const puts = server.sandbox!.requests.filter(
      (request) => request.method === 'PUT' && request.path === `/v2/orders/${orderId}`,
    );
    assert.equal(puts.filter((request) => request.fields?.includes('status_id')).length, 1);
    const staffNotes = server.sandbox!.store('sbx1eu').data.getOrder(orderId)?.staff_notes ?? '';
    assert.match(staffNotes, /ticket T-1008 · agent demo\.agent/);
    assert.equal(staffNotes.split('Reason: Kunde hat per Mail storniert.').length, 2, 'audited exactly once');
    // Nothing to offer from Cancelled.
    assert.equal(await widget.getByRole('button', { name: 'Status ändern' }).count(), 0);
  });
});
