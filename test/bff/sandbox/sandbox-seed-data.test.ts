import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DEFAULT_SANDBOX_STORES,
  SANDBOX_PERSONAS,
  createSandboxData,
  startSandbox,
  type Sandbox,
  type SandboxData,
} from '../../../bff/src/sandbox/index.js';
import { callSandbox } from './sandbox-client.js';

const [euSpec, usSpec] = DEFAULT_SANDBOX_STORES as [
  (typeof DEFAULT_SANDBOX_STORES)[0],
  (typeof DEFAULT_SANDBOX_STORES)[0],
];
const all = <T>(data: SandboxData, pick: (d: SandboxData) => Map<number, T[]>): T[] =>
  [...pick(data).values()].flat();

describe('sandbox seed data', () => {
  const eu = createSandboxData(euSpec);
  const us = createSandboxData(usSpec);

  it('is identical for the same seed and different for another seed', () => {
    const again = createSandboxData(euSpec);
    const otherSeed = createSandboxData({ ...euSpec, seed: 3 });

    assert.deepEqual(JSON.stringify(again.orders), JSON.stringify(eu.orders));
    assert.deepEqual(JSON.stringify(again.customers), JSON.stringify(eu.customers));
    assert.notDeepEqual(
      otherSeed.customers.map((c) => c.email),
      eu.customers.map((c) => c.email),
    );
  });

  it('has every order status 0..14, with merchant labels on some', () => {
    for (const data of [eu, us]) {
      const statuses = new Set(data.orders.map((o) => o.status_id));
      assert.deepEqual(
        [...statuses].sort((a, b) => a - b),
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
      );
      assert.ok(data.orders.some((o) => o.custom_status !== o.status));
    }
  });

  it('has several dozen customers, some with company, phone and customer groups', () => {
    assert.ok(eu.customers.length >= 36);
    assert.ok(eu.customers.some((c) => c.company !== ''));
    assert.ok(eu.customers.some((c) => c.phone !== ''));
    assert.ok(new Set(eu.customers.map((c) => c.customer_group_id)).size >= 3);
    assert.equal(new Set(eu.customers.map((c) => c.email)).size, eu.customers.length, 'emails are unique');
  });

  it('uses two currencies and two channels in the EU store, USD only in the US store', () => {
    assert.deepEqual(
      new Set(eu.orders.map((o) => `${o.channel_id}:${o.currency_code}`)),
      new Set(['1:EUR', '2:GBP']),
    );
    assert.deepEqual(new Set(us.orders.map((o) => o.currency_code)), new Set(['USD']));
    assert.deepEqual(new Set(us.orders.map((o) => o.channel_id)), new Set([1, 2]));
  });

  it('tracks shipments from several carriers with both generated and custom tracking links', () => {
    const shipments = [...all(eu, (d) => d.shipments), ...all(us, (d) => d.shipments)];
    const carriers = new Set(shipments.map((s) => s.shipping_provider_display_name).filter(Boolean));
    for (const carrier of ['UPS', 'FedEx', 'USPS', 'DHL']) assert.ok(carriers.has(carrier), carrier);
    assert.ok(
      shipments.some((s) => s.generated_tracking_link.startsWith('https://') && s.tracking_link === ''),
    );
    assert.ok(
      shipments.some((s) => s.tracking_link.startsWith('https://') && s.generated_tracking_link === ''),
    );
    assert.ok(shipments.some((s) => s.shipping_provider.startsWith('carrier_')));
    assert.ok(shipments.some((s) => s.tracking_carrier !== ''));
  });

  it('has partial and full shipments for the persona orders', () => {
    const p = SANDBOX_PERSONAS.sbx1eu.orders;
    const partialLines = eu.products.get(p.partiallyShipped)!;
    assert.ok(partialLines.some((l) => l.quantity_shipped < l.quantity));
    assert.ok(partialLines.some((l) => l.quantity_shipped > 0));
    assert.ok(eu.products.get(p.shippedWithTracking)!.every((l) => l.quantity_shipped === l.quantity));
    const addresses = eu.shippingAddresses.get(p.twoShippingAddresses)!;
    assert.equal(addresses.length, 2);
    assert.notEqual(addresses[0]!.shipping_method, addresses[1]!.shipping_method);
    assert.equal(eu.shipments.get(p.twoShippingAddresses)!.length, 2);
  });

  it('has full and partial refunds with PRODUCT and SHIPPING items and both line refund field names', () => {
    const p = SANDBOX_PERSONAS.sbx1eu.orders;
    const full = eu.refunds.get(p.refunded)!;
    const itemTypes = new Set(full.flatMap((r) => r.items.map((i) => i.item_type)));
    assert.deepEqual(itemTypes, new Set(['PRODUCT', 'SHIPPING']));
    assert.equal(eu.getOrder(p.refunded)!.refunded_amount, eu.getOrder(p.refunded)!.total_inc_tax);
    assert.ok(
      eu.products.get(p.refunded)!.every((l) => l.quantity_refunded === l.quantity && l.refund_amount),
    );
    assert.ok(
      eu.products.get(p.legacyRefundFields)!.every((l) => 'refunded_amount' in l && !('refund_amount' in l)),
    );
    assert.ok(eu.refunds.get(p.partiallyRefunded)!.length >= 1);
    assert.ok(all(eu, (d) => d.products).some((l) => l.return_id > 0));
  });

  it('has purchase, capture and refund transactions with card last4, and none for some gateways', () => {
    const events = new Set(all(us, (d) => d.transactions).map((t) => t.event));
    for (const event of ['purchase', 'capture', 'refund']) assert.ok(events.has(event as never), event);
    assert.ok(all(us, (d) => d.transactions).some((t) => /^\d{4}$/.test(t.credit_card?.card_last4 ?? '')));
    assert.equal(eu.transactions.get(SANDBOX_PERSONAS.sbx1eu.orders.noTransactions), undefined);
  });

  it('has staff notes, customer messages, guests and dates within two years before the base date', () => {
    assert.ok(eu.orders.filter((o) => o.staff_notes !== '').length >= 5);
    assert.ok(eu.orders.filter((o) => o.customer_message !== '').length >= 5);
    assert.ok(eu.orders.filter((o) => o.customer_id === 0).length >= 10);
    const base = Date.UTC(2026, 10, 1, 12);
    const created = eu.orders
      .filter((o) => o.external_source === null)
      .map((o) => Date.parse(o.date_created));
    assert.ok(created.every((ms) => ms < base && ms > base - 731 * 86_400_000));
  });

  it('describes personas that match the data', () => {
    const p = SANDBOX_PERSONAS.sbx1eu;
    assert.equal(eu.getOrdersByCustomer(p.manyOrders.customerId).length, p.manyOrders.orderCount);
    assert.ok(p.manyOrders.orderCount > 300);
    assert.equal(eu.getOrdersByCustomer(p.noOrders.customerId).length, 0);
    assert.equal(eu.getOrdersByEmail(p.unknownEmail).length, 0);
    assert.equal(eu.getOrder(p.orders.incomplete)!.status_id, 0);
    assert.equal(eu.getOrder(p.orders.otherChannel)!.channel_id, 2);
    assert.equal(eu.getOrder(p.orders.guestOrder)!.customer_id, 0);
    assert.notEqual(eu.getOrder(p.orders.withStaffNotes)!.staff_notes, '');
    assert.equal(eu.shippingAddresses.get(p.orders.digital), undefined);
  });
});

describe('sandbox determinism over HTTP', () => {
  let first: Sandbox;
  let second: Sandbox;
  before(async () => {
    first = await startSandbox({ quota: 10_000 });
    second = await startSandbox({ quota: 10_000 });
  });
  after(async () => {
    await first.close();
    await second.close();
  });

  it('serves identical bodies from two sandboxes with the same seed', async () => {
    const p = SANDBOX_PERSONAS.sbx2us;
    const paths = [
      `/v2/orders?customer_id=${p.manyOrders.customerId}&limit=250&page=2`,
      `/v2/orders/${p.orders.twoShippingAddresses}/shipments`,
      `/v2/orders/${p.orders.partiallyRefunded}/products`,
      `/v3/orders/${p.orders.refunded}/transactions`,
      '/v3/customers?limit=250',
    ];

    for (const path of paths) {
      const [a, b] = await Promise.all([
        callSandbox(first, path, { store: 'sbx2us' }),
        callSandbox(second, path, { store: 'sbx2us' }),
      ]);
      assert.equal(a.status, 200, path);
      assert.equal(a.text, b.text, path);
    }
  });
});
