// /demo shows the novomind side: the fields novomind stores for the ticket, refreshed from the changes feed,
// and a merchant's buttons that ship or cancel the ticket's order in the sandbox.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../../../bff/src/server.js';

interface PanelView {
  ticket: string;
  queue: string | null;
  fields: Record<string, string>;
  orderId: number | null;
  changes: Array<{ kind: string; orderId: number; previousStatus: string | null; status: string | null }>;
}

describe('/demo: the novomind panel', () => {
  let server: RunningServer;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-demo-nm-'));

  before(async () => {
    server = await startServer(
      { PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent' },
      { database: ':memory:', defaultMetrics: false },
    );
  });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('registers the ticket when it is opened and shows the fields novomind stores, with an external refresher', async () => {
    const response = await fetch(`${server.url}/demo?ticket=T-1001`);
    const html = await response.text();

    assert.match(html, /<section class="novomind"/);
    assert.match(html, /<th scope="row">orderNumber<\/th>/);
    assert.match(html, /<script src="\/demo\/novomind-panel\.js" defer><\/script>/);
    const script = await fetch(`${server.url}/demo/novomind-panel.js`);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    assert.doesNotMatch(await script.text(), /innerHTML/);
  });

  it('brings a change of the ticket’s order from the feed into the panel', async () => {
    const before = (await (await fetch(`${server.url}/demo/tickets/T-1001/novomind`)).json()) as PanelView;
    assert.ok(before.orderId !== null);
    const orderId = before.orderId;
    const customerId = server.sandbox!.stores[0]!.personas.registered.customerId;
    // The sync room turns the sandbox's webhook into this order change; here it is recorded directly.
    await server.context.repos.orderChanges.append({
      storeKey: 'eu',
      orderId,
      kind: 'order.status_changed',
      source: 'webhook',
      customerId,
      email: server.sandbox!.stores[0]!.personas.registered.email,
      statusId: 5,
      previousStatusId: 11,
      detail: {
        summary: {
          id: orderId,
          dateCreated: '2026-11-20T10:00:00.000Z',
          status: { id: 5, label: 'Storniert', family: 'cancelled' },
          paymentStatus: 'captured',
          total: { amount: '10.00', currency: 'EUR' },
          itemCount: 1,
          guest: false,
          channelId: 1,
        },
      },
      at: Date.now(),
    });

    const after = (await (await fetch(`${server.url}/demo/tickets/T-1001/novomind`)).json()) as PanelView;

    assert.equal(after.fields.status, 'Storniert');
    assert.equal(after.changes[0]?.kind, 'order.status_changed');
    assert.equal(after.changes[0]?.status, 'Storniert');
  });

  it('ships and cancels the ticket’s order in the sandbox, and redirects back to the ticket', async () => {
    const view = (await (
      await fetch(`${server.url}/demo/tickets/T-1003/novomind`)
    ).json()) as PanelView | null;
    await fetch(`${server.url}/demo?ticket=T-1003`);
    const opened = (await (await fetch(`${server.url}/demo/tickets/T-1003/novomind`)).json()) as PanelView;
    assert.ok(view === null || typeof view === 'object');
    const orderId = opened.orderId!;

    const cancel = await fetch(`${server.url}/demo/tickets/T-1003/orders/${orderId}/cancel`, {
      method: 'POST',
      redirect: 'manual',
    });

    assert.equal(cancel.status, 303);
    assert.match(cancel.headers.get('location') ?? '', /^\/demo\?ticket=T-1003&notice=/);
    assert.equal(server.sandbox!.stores[0]!.data.getOrder(orderId)?.status_id, 5);
    const unknown = await fetch(`${server.url}/demo/tickets/T-1003/orders/${orderId}/explode`, {
      method: 'POST',
    });
    assert.equal(unknown.status, 404);
  });
});
