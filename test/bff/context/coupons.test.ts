// Discounts with their coupon codes over HTTP against the sandbox (issue 13.10): an order a coupon took something
// off carries the codes and amounts (`GET /v2/orders/{id}/coupons`, one more call); any other order costs no
// coupon call and says it has none.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OrderDetail } from '../../../shared/index.js';
import type { RawOrder } from '../../../bff/src/sandbox/index.js';
import { startProduct, type Product } from './product-harness.js';

describe('GET /api/v1/orders/:id: coupons', () => {
  let product: Product;
  before(async () => {
    product = await startProduct();
  });
  after(() => product.close());

  /** A registered shopper's order of the "de" market (channel 1) that is, or is not, discounted by a coupon. */
  function pickOrder(withCoupon: boolean): RawOrder {
    const data = product.sandbox.store('sbx1eu').data;
    const order = data.orders.find(
      (candidate) =>
        candidate.customer_id > 0 &&
        candidate.channel_id === 1 &&
        candidate.status_id !== 0 &&
        (data.coupons.get(candidate.id)?.length ?? 0) > 0 === withCoupon,
    );
    assert.ok(order, `an order ${withCoupon ? 'with' : 'without'} a coupon`);
    return order;
  }

  async function openDetail(order: RawOrder): Promise<OrderDetail> {
    const session = await product.openSession({ customer: String(order.customer_id) });
    const reply = await product.get(session, `/api/v1/orders/${order.id}`);
    assert.equal(reply.status, 200, `${reply.status} ${reply.text}`);
    return OrderDetail.parse(reply.body);
  }

  it('shows each coupon’s code and what it took off', async () => {
    const order = pickOrder(true);
    const coupons = product.sandbox.store('sbx1eu').data.coupons.get(order.id)!;
    product.clearUpstream();

    const detail = await openDetail(order);

    assert.deepEqual(
      detail.coupons?.map((coupon) => [
        coupon.code,
        Number(coupon.discount.amount),
        coupon.discount.currency,
      ]),
      coupons.map((coupon) => [coupon.code, coupon.discount, order.currency_code]),
    );
    assert.ok(Number(detail.totals.discount.amount) > 0, detail.totals.discount.amount);
    assert.ok(product.upstream().some((line) => line.startsWith(`GET /v2/orders/${order.id}/coupons`)));
  });

  it('reads no coupons for an order without a coupon discount', async () => {
    const order = pickOrder(false);
    product.clearUpstream();

    const detail = await openDetail(order);

    assert.deepEqual(detail.coupons, []);
    assert.ok(!product.upstream().some((line) => line.includes('/coupons')));
  });
});
