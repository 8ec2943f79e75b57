import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  SANDBOX_BASE_DATE_MS,
  getSandboxPersonas,
  startSandbox,
  type RawOrder,
  type RawOrderProduct,
  type Sandbox,
  type SandboxStoreSpec,
} from '../../../bff/src/sandbox/index.js';
import { callSandbox } from './sandbox-client.js';

const BULK: SandboxStoreSpec = {
  hash: 'sbx9bulk',
  token: 'sandbox-token-bulk',
  seed: 9,
  label: 'Sandbox bulk',
  bulkOrders: 100_000,
};
const DAY = 86_400_000;

describe('sandbox bulk store (bulkOrders) for the back-fill benchmark', () => {
  let sandbox: Sandbox;
  let clock = Date.UTC(2026, 11, 1, 10, 0, 0);
  const call = (path: string, init: Parameters<typeof callSandbox>[2] = {}) =>
    callSandbox(sandbox, path, { ...init, store: BULK.hash });
  before(async () => {
    sandbox = await startSandbox({ stores: [BULK], quota: 1_000_000, now: () => clock });
  });
  after(() => sandbox.close());

  it('back-fills every order of the last 90 days through min_date_modified paging, in date_modified order', async () => {
    const since = encodeURIComponent(new Date(SANDBOX_BASE_DATE_MS - 91 * DAY).toISOString());
    const count = (await call(`/v2/orders/count?min_date_modified=${since}`)).json as { count: number };
    const ids = new Set<number>();
    let previous: [number, number] = [0, 0];
    let pages = 0;
    for (let page = 1; ; page++) {
      const response = await call(
        `/v2/orders?min_date_modified=${since}&sort=date_modified:asc&limit=250&page=${page}`,
      );
      if (response.status === 204) break;
      pages++;
      for (const order of response.json as RawOrder[]) {
        const key: [number, number] = [Date.parse(order.date_modified), order.id];
        assert.ok(
          key[0] > previous[0] || (key[0] === previous[0] && key[1] > previous[1]),
          `order ${order.id}`,
        );
        previous = key;
        ids.add(order.id);
      }
    }
    const bulk = sandbox.store(BULK.hash).data.bulk!;

    assert.ok(count.count >= 100_000);
    assert.equal(ids.size, count.count, 'each order exactly once');
    assert.equal(pages, Math.ceil(count.count / 250));
    for (const id of [bulk.firstId, bulk.firstId + 50_000, bulk.firstId + 99_999]) assert.ok(ids.has(id));
  });

  it('keeps bulk orders compact: none of them is in data.orders, and personas are unchanged', () => {
    const store = sandbox.store(BULK.hash);

    assert.equal(store.data.bulk!.count, 100_000);
    assert.deepEqual(store.personas, getSandboxPersonas({ ...BULK, bulkOrders: undefined }));
    assert.ok(store.data.orders.every((o) => !store.data.bulk!.has(o.id)));
    assert.ok(store.data.orders.length < 1_000);
  });

  it('serves a bulk order as a valid order with one line and one address, no shipments or transactions', async () => {
    const id = sandbox.store(BULK.hash).data.bulk!.firstId + 12_345;

    const order = (await call(`/v2/orders/${id}`)).json as RawOrder;
    const lines = (await call(`/v2/orders/${id}/products`)).json as RawOrderProduct[];
    const addresses = (await call(`/v2/orders/${id}/shipping_addresses`)).json as { id: number }[];
    const shipments = await call(`/v2/orders/${id}/shipments`);
    const transactions = await call(`/v3/orders/${id}/transactions`);
    const consignments = (await call(`/v2/orders/${id}/consignments?include=consignments.line_items`))
      .json as {
      shipping: { line_items: RawOrderProduct[] }[];
    };

    assert.equal(order.id, id);
    assert.equal(order.customer_id, 0);
    assert.match(order.billing_address.email, /@bulk\.example$/);
    assert.equal(lines.length, 1);
    assert.equal(order.items_total, lines[0]!.quantity);
    assert.equal(
      Number(order.total_inc_tax).toFixed(2),
      (Number(lines[0]!.total_inc_tax) + Number(order.shipping_cost_inc_tax)).toFixed(2),
    );
    assert.equal(addresses.length, 1);
    assert.equal(lines[0]!.order_address_id, addresses[0]!.id);
    assert.equal(shipments.status, 204);
    assert.equal(transactions.status, 204);
    assert.deepEqual(consignments.shipping[0]!.line_items, lines);
  });

  it('finds bulk orders by billing email, never by a customer id', async () => {
    const store = sandbox.store(BULK.hash);
    const email = store.data.bulk!.emails[7]!;

    const byEmail = (await call(`/v2/orders?email=${encodeURIComponent(email)}&limit=250`))
      .json as RawOrder[];
    const byCustomer = await call(`/v2/orders?customer_id=${store.personas.registered.customerId}&limit=250`);

    assert.ok(byEmail.length > 0);
    assert.ok(byEmail.every((o) => o.billing_address.email.toLowerCase() === email));
    assert.equal((byCustomer.json as RawOrder[]).length, store.personas.registered.orderCount);
  });

  it('keeps a written bulk order: a PUT moves it to the end of the delta, a shipment works', async () => {
    clock += DAY;
    const store = sandbox.store(BULK.hash);
    const id = store.data.bulk!.firstId + 3;
    const open = store.data.getOrder(id)!;

    await call(`/v2/orders/${id}`, { method: 'PUT', body: { staff_notes: 'bulk note', status_id: 11 } });
    const delta = (
      await call(`/v2/orders?min_date_modified=${encodeURIComponent(new Date(clock - 1000).toISOString())}`)
    ).json as RawOrder[];
    const shipment = store.mutate.addShipment(id);
    const after = (await call(`/v2/orders/${id}`)).json as RawOrder;

    assert.equal(open.staff_notes, '');
    assert.deepEqual(
      delta.map((o) => [o.id, o.staff_notes]),
      [[id, 'bulk note']],
    );
    assert.equal(shipment.order_id, id);
    assert.equal(after.status_id, 2);
    assert.equal(after.staff_notes, 'bulk note');
  });
});
