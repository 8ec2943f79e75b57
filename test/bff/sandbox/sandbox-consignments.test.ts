import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  SANDBOX_PERSONAS,
  startSandbox,
  type OrderConsignments,
  type RawOrder,
  type RawOrderProduct,
  type RawShippingAddress,
  type Sandbox,
} from '../../../bff/src/sandbox/index.js';
import { callSandbox } from './sandbox-client.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const us = SANDBOX_PERSONAS.sbx2us;
type WithConsignments = RawOrder & { consignments: OrderConsignments };
const INCLUDE = 'include=consignments.line_items&consignment_structure=object';

/** Field order of orders.v2.oas2.yml `shippingConsignment_Get` (its x-example). */
const SHIPPING_CONSIGNMENT_FIELDS = [
  'id',
  'first_name',
  'last_name',
  'company',
  'street_1',
  'street_2',
  'city',
  'state',
  'zip',
  'country',
  'country_iso2',
  'phone',
  'email',
  'form_fields',
  'shipping_method',
  'line_items',
  'items_total',
  'items_shipped',
  'base_cost',
  'cost_ex_tax',
  'cost_inc_tax',
  'cost_tax',
  'cost_tax_class_id',
  'base_handling_cost',
  'handling_cost_ex_tax',
  'handling_cost_inc_tax',
  'handling_cost_tax',
  'handling_cost_tax_class_id',
  'shipping_zone_id',
  'shipping_zone_name',
  'shipping_quotes',
];

describe('sandbox order consignments (one call for the order detail)', () => {
  let sandbox: Sandbox;
  const get = async <T>(path: string, store?: string): Promise<T> =>
    (await callSandbox(sandbox, path, { store })).json as T;
  before(async () => {
    sandbox = await startSandbox({ quota: 100_000 });
  });
  after(() => sandbox.close());

  it('inlines shipping consignments in the spec object structure, one per address, with their line items', async () => {
    const id = eu.orders.twoShippingAddresses;

    const order = await get<WithConsignments>(`/v2/orders/${id}?${INCLUDE}`);
    const addresses = await get<RawShippingAddress[]>(`/v2/orders/${id}/shipping_addresses`);
    const products = await get<RawOrderProduct[]>(`/v2/orders/${id}/products`);

    assert.deepEqual(Object.keys(order.consignments), ['pickups', 'shipping', 'downloads', 'email']);
    assert.deepEqual(order.consignments.pickups, []);
    assert.deepEqual(order.consignments.downloads, []);
    assert.deepEqual(order.consignments.email, { gift_certificates: [] });
    assert.equal(order.consignments.shipping.length, 2);
    order.consignments.shipping.forEach((consignment, index) => {
      const address = addresses[index]!;
      assert.deepEqual(Object.keys(consignment), SHIPPING_CONSIGNMENT_FIELDS);
      assert.equal(consignment.id, address.id);
      for (const field of [
        'first_name',
        'street_1',
        'zip',
        'country_iso2',
        'email',
        'shipping_method',
      ] as const) {
        assert.equal(consignment[field], address[field]);
      }
      assert.equal(consignment.cost_inc_tax, Number(address.cost_inc_tax), 'money is a number here');
      assert.equal(consignment.items_total, address.items_total);
      assert.deepEqual(consignment.shipping_quotes, {
        url: `https://api.bigcommerce.com/stores/sbx1eu/v2/orders/${id}/consignments/shipping/${address.id}/shipping_quotes`,
        resource: `/orders/${id}/consignments/shipping/${address.id}/shipping_quotes`,
      });
      assert.deepEqual(
        consignment.line_items,
        products.filter((line) => line.order_address_id === address.id),
      );
    });
    const { consignments: _c, ...header } = order;
    assert.deepEqual(header, await get<RawOrder>(`/v2/orders/${id}`), 'the rest is the plain order');
  });

  it('links the line items instead with include=consignments, and the links resolve', async () => {
    const id = eu.orders.shippedWithTracking;

    const order = await get<WithConsignments>(
      `/v2/orders/${id}?include=consignments&consignment_structure=object`,
    );
    const links = order.consignments.shipping[0]!.line_items as { url: string; resource: string }[];
    const first = await get<RawOrderProduct>(`/v2${links[0]!.resource}`);

    assert.ok(links.length >= 1);
    assert.match(
      links[0]!.url,
      new RegExp(`^https://api\\.bigcommerce\\.com/stores/sbx1eu/v2/orders/${id}/products/\\d+$`),
    );
    assert.equal(first.order_id, id);
  });

  it('serves the same object at GET /v2/orders/{id}/consignments', async () => {
    const id = eu.orders.partiallyShipped;

    const inlined = await get<WithConsignments>(`/v2/orders/${id}?${INCLUDE}`);
    const own = await get<OrderConsignments>(`/v2/orders/${id}/consignments?include=consignments.line_items`);
    const missing = await callSandbox(sandbox, `/v2/orders/${eu.unknownOrderId}/consignments`);

    assert.deepEqual(own, inlined.consignments);
    assert.equal(missing.status, 404);
  });

  it('puts digital lines in one download consignment to the billing email', async () => {
    const order = await get<WithConsignments>(`/v2/orders/${eu.orders.digital}?${INCLUDE}`);
    const products = await get<RawOrderProduct[]>(`/v2/orders/${eu.orders.digital}/products`);

    assert.deepEqual(order.consignments.shipping, []);
    assert.deepEqual(order.consignments.downloads, [
      { recipient_email: order.billing_address.email, line_items: products },
    ]);
  });

  it('shows a pickup-method order as a pickup consignment at the store location', async () => {
    const pickupOrder = sandbox.store('sbx2us').data.orders.find((o) => o.status_id === 8)!;

    const order = await get<WithConsignments>(`/v2/orders/${pickupOrder.id}?${INCLUDE}`, 'sbx2us');

    assert.deepEqual(order.consignments.shipping, []);
    assert.equal(order.consignments.pickups.length, 1);
    const pickup = order.consignments.pickups[0]!;
    assert.deepEqual(Object.keys(pickup), [
      'id',
      'pickup_method_id',
      'pickup_method_display_name',
      'collection_instructions',
      'collection_time_description',
      'location',
      'line_items',
    ]);
    assert.equal(pickup.pickup_method_display_name, 'Pickup In Store');
    assert.deepEqual(Object.keys(pickup.location), [
      'id',
      'name',
      'code',
      'address_line_1',
      'address_line_2',
      'city',
      'state',
      'postal_code',
      'country_alpha2',
      'email',
      'phone',
    ]);
    assert.equal(pickup.location.country_alpha2, 'US');
    assert.ok(pickup.line_items.length >= 1);
  });

  it('inlines consignments in every order of a list page', async () => {
    const response = await callSandbox(
      sandbox,
      `/v2/orders?customer_id=${us.registered.customerId}&sort=date_created:desc&limit=5&${INCLUDE}`,
      { store: 'sbx2us' },
    );

    const orders = response.json as WithConsignments[];
    assert.equal(orders.length, 5);
    assert.ok(
      orders.every((o) => Array.isArray(o.consignments.shipping) && Array.isArray(o.consignments.pickups)),
    );
  });

  it('answers the consignments link without consignment_structure=object, and nothing extra without include', async () => {
    const id = eu.orders.refunded;

    const linked = await get<RawOrder & { consignments: unknown }>(`/v2/orders/${id}?include=consignments`);
    const plain = await get<Record<string, unknown>>(`/v2/orders/${id}`);

    assert.deepEqual(linked.consignments, {
      url: `https://api.bigcommerce.com/stores/sbx1eu/v2/orders/${id}/consignments`,
      resource: `/orders/${id}/consignments`,
    });
    assert.equal('consignments' in plain, false);
  });
});

describe('sandbox customer groups and order statuses', () => {
  let sandbox: Sandbox;
  const get = async <T>(path: string, store?: string): Promise<T> =>
    (await callSandbox(sandbox, path, { store })).json as T;
  before(async () => {
    sandbox = await startSandbox({ quota: 100_000 });
  });
  after(() => sandbox.close());

  it('names every group the customers carry (German labels in the EU store); 0 is no group', async () => {
    const euGroups = await get<{ id: number; name: string }[]>('/v2/customer_groups');
    const usGroups = await get<{ id: number; name: string }[]>('/v2/customer_groups', 'sbx2us');

    assert.deepEqual(
      euGroups.map((g) => [g.id, g.name]),
      [
        [1, 'Stammkunden'],
        [2, 'Großhandel'],
        [3, 'VIP'],
      ],
    );
    assert.deepEqual(
      usGroups.map((g) => g.name),
      ['Retail', 'Wholesale', 'VIP'],
    );
    for (const store of sandbox.stores) {
      const used = new Set(store.data.customers.map((c) => c.customer_group_id).filter((id) => id !== 0));
      assert.ok([...used].every((id) => store.data.customerGroups.some((g) => g.id === id)));
      assert.ok(store.data.customers.filter((c) => c.company).every((c) => c.customer_group_id === 2));
    }
  });

  it('serves one group in customerGroup_Full shape, counts them, filters by name and 404s unknown ids', async () => {
    const group = await get<Record<string, unknown>>('/v2/customer_groups/2');
    const count = await get<{ count: number }>('/v2/customer_groups/count');
    const byName = await get<{ id: number }[]>(`/v2/customer_groups?name=${encodeURIComponent('VIP')}`);
    const missing = await callSandbox(sandbox, '/v2/customer_groups/99');
    const pastEnd = await callSandbox(sandbox, '/v2/customer_groups?page=2');

    assert.deepEqual(Object.keys(group), [
      'id',
      'name',
      'is_default',
      'category_access',
      'discount_rules',
      'date_created',
      'date_modified',
      'is_group_for_guests',
    ]);
    assert.match(group['date_created'] as string, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assert.deepEqual(count, { count: 3 });
    assert.deepEqual(
      byName.map((g) => g.id),
      [3],
    );
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, [{ status: 404, message: 'The requested resource was not found.' }]);
    assert.equal(pastEnd.status, 204);
  });

  it('lists order statuses with id, name, system_label, the merchant custom_label, description and order', async () => {
    const statuses = await get<Record<string, unknown>[]>('/v2/order_statuses');
    const one = await get<Record<string, unknown>>('/v2/order_statuses/11');
    const missing = await callSandbox(sandbox, '/v2/order_statuses/15');

    assert.deepEqual(
      statuses.map((s) => s['id']),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
    );
    assert.deepEqual(Object.keys(statuses[0]!), [
      'id',
      'name',
      'system_label',
      'custom_label',
      'system_description',
      'order',
    ]);
    assert.deepEqual(
      { name: one['name'], system_label: one['system_label'], custom_label: one['custom_label'] },
      { name: 'Awaiting Fulfillment', system_label: 'Awaiting Fulfillment', custom_label: 'In Bearbeitung' },
    );
    assert.equal(missing.status, 404);
  });
});
