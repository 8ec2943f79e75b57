import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorBody, OrderDetail } from '../../../shared/index.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { EU_TOKEN, startProduct, type Product } from './product-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;

async function readDetail(product: Product, session: string, orderId: number | string): Promise<OrderDetail> {
  const reply = await product.get(session, `/api/v1/orders/${orderId}`);
  assert.equal(reply.status, 200, reply.text);
  return OrderDetail.parse(reply.body);
}

async function expectError(product: Product, session: string, path: string, status: number, code: string) {
  const reply = await product.get(session, path);
  assert.equal(reply.status, status, `${path}: ${reply.text}`);
  const body = ErrorBody.parse(reply.body);
  assert.equal(body.error.code, code);
  assert.equal(body.error.correlationId, reply.correlationId);
}

describe('GET /api/v1/orders/:orderId', () => {
  let product: Product;
  let lukas: string;
  before(async () => {
    product = await startProduct();
    lukas = await product.openSession({ email: eu.registered.email, market: 'de', locale: 'en-US' });
  });
  after(() => product.close());

  it('shows a shipped order with its tracking, line items, address and exact totals', async () => {
    const raw = product.sandbox.store('sbx1eu').data.getOrder(eu.orders.shippedWithTracking)!;

    const detail = await readDetail(product, lukas, eu.orders.shippedWithTracking);

    assert.equal(detail.id, eu.orders.shippedWithTracking);
    assert.equal(detail.customerId, eu.registered.customerId);
    assert.equal(detail.guest, false);
    assert.deepEqual(detail.status, { id: 2, label: raw.custom_status || raw.status, family: 'shipped' });
    assert.deepEqual(detail.totals.total, { amount: '462.80', currency: 'EUR' });
    assert.deepEqual(detail.totals.subtotal, { amount: '447.90', currency: 'EUR' });
    assert.deepEqual(detail.totals.shipping, { amount: '14.90', currency: 'EUR' });
    assert.equal(detail.lineItems.length, 3);
    const [shipment] = detail.shipments;
    assert.ok(shipment);
    assert.equal(shipment.carrier, 'FedEx');
    assert.equal(shipment.trackingNumber, '710201211652');
    assert.equal(shipment.trackingLink, 'https://www.fedex.com/fedextrack/?trknbr=710201211652');
    assert.equal(shipment.shippingMethod, 'FedEx International Economy');
    assert.deepEqual(
      shipment.items.map((item) => item.name),
      shipment.items.map((item) => detail.lineItems.find((line) => line.id === item.orderProductId)?.name),
    );
    assert.ok(shipment.items.every((item) => !item.name.startsWith('#')));
    assert.equal(detail.shippingAddresses.length, 1);
    assert.notEqual(detail.shippingAddresses[0]?.shippingMethod, '');
    assert.equal(detail.controlPanelUrl, `https://store-sbx1eu.mybigcommerce.com/manage/orders/${detail.id}`);
    assert.equal(detail.skipped, 0);
    const fields = Object.fromEntries(detail.fields.map((field) => [field.key, field.value]));
    assert.equal(fields.trackingNumber, '710201211652');
    assert.equal(fields.orderNumber, detail.id);
    assert.deepEqual(fields.total, { amount: '462.80', currency: 'EUR' });
  });

  it('shows a refunded order’s refunds with their items, payment and refunded quantities', async () => {
    const detail = await readDetail(product, lukas, eu.orders.refunded);

    assert.equal(detail.status.family, 'refunded');
    assert.deepEqual(detail.totals.refunded, { amount: '121.65', currency: 'EUR' });
    assert.equal(detail.refunds.length, 1);
    const [refund] = detail.refunds;
    assert.deepEqual(refund?.total, { amount: '121.65', currency: 'EUR' });
    assert.equal(refund?.reason, 'Return received');
    assert.deepEqual(
      refund?.items.map((item) => [item.itemType, item.name, item.quantity, item.amount?.amount ?? null]),
      [
        ['PRODUCT', 'Duftkerze Feige', 1, null],
        ['PRODUCT', 'Eichen Servierbrett', 2, null],
        ['SHIPPING', 'Shipping', null, '4.95'],
      ],
    );
    assert.deepEqual(
      detail.lineItems.map((line) => [line.name, line.quantity, line.quantityRefunded, line.total.amount]),
      [
        ['Duftkerze Feige', 1, 1, '24.90'],
        ['Eichen Servierbrett', 2, 2, '91.80'],
      ],
    );
    assert.equal(detail.payment.transactions.length, 2);
    assert.deepEqual(
      detail.payment.transactions.map((t) => [t.event, t.amount.amount, t.amount.currency, t.cardLast4]),
      [
        ['purchase', '121.65', 'EUR', '5480'],
        ['refund', '121.65', 'EUR', '5480'],
      ],
    );
  });

  it('derives refunded quantities from refunds when line items carry only the old refund field', async () => {
    const detail = await readDetail(product, lukas, eu.orders.legacyRefundFields);

    const refundedByRefunds = new Map<number, number>();
    for (const refund of detail.refunds)
      for (const item of refund.items)
        if (item.itemType === 'PRODUCT')
          refundedByRefunds.set(
            item.itemId,
            (refundedByRefunds.get(item.itemId) ?? 0) + (item.quantity ?? 0),
          );
    assert.ok(refundedByRefunds.size > 0);
    for (const line of detail.lineItems)
      assert.equal(line.quantityRefunded, refundedByRefunds.get(line.id) ?? 0);
  });

  it('shows an order without shipments or transactions as empty lists', async () => {
    const digital = await readDetail(product, lukas, eu.orders.digital);
    const noTransactions = await readDetail(product, lukas, eu.orders.noTransactions);

    assert.deepEqual(digital.shipments, []);
    assert.deepEqual(digital.shippingAddresses, []);
    assert.deepEqual(noTransactions.payment.transactions, []);
  });

  it('shows the staff notes as entries', async () => {
    const detail = await readDetail(product, lukas, eu.orders.withStaffNotes);

    assert.ok(detail.notes.length > 0);
    assert.ok(detail.notes.every((note) => note.text !== ''));
  });

  it('answers 404 order_not_found for another shopper’s order', async () => {
    const thomas = await product.openSession({ email: eu.registeredWithGuestOrders.email });

    await expectError(
      product,
      thomas,
      `/api/v1/orders/${eu.orders.shippedWithTracking}`,
      404,
      'order_not_found',
    );
  });

  it('shows a guest order only to a ticket with the same email', async () => {
    const chloe = await product.openSession({ email: eu.guest.email });
    const thomas = await product.openSession({ email: eu.registeredWithGuestOrders.email });

    const own = await readDetail(product, chloe, eu.orders.guestOrder);
    assert.equal(own.guest, true);
    assert.equal(own.customerId, null);
    await expectError(product, thomas, `/api/v1/orders/${eu.orders.guestOrder}`, 404, 'order_not_found');
    await expectError(product, lukas, `/api/v1/orders/${eu.orders.guestOrder}`, 404, 'order_not_found');
  });

  it('hides incomplete orders, orders of other channels and unknown orders alike', async () => {
    for (const orderId of [eu.orders.incomplete, eu.orders.otherChannel, eu.unknownOrderId]) {
      await expectError(product, lukas, `/api/v1/orders/${orderId}`, 404, 'order_not_found');
    }
  });

  it('does not show an order of another market’s store', async () => {
    const us = await product.openSession({ email: eu.registered.email, market: 'us' });

    await expectError(product, us, `/api/v1/orders/${eu.orders.shippedWithTracking}`, 404, 'order_not_found');
  });

  it('answers 400 invalid_order_id for anything but a plain positive number', async () => {
    for (const id of [
      'abc',
      '0',
      '01',
      '-5',
      '1.5',
      '12345678901',
      '%20',
      '1e3',
      '2147483648',
      '9999999999',
    ]) {
      await expectError(product, lukas, `/api/v1/orders/${id}`, 400, 'invalid_order_id');
    }
  });

  it('never puts the BigCommerce token in a response body', () => {
    for (const body of product.bodies) assert.ok(!body.includes(EU_TOKEN));
  });
});
