import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BcOrder, OrderPage } from '../../../bff/src/bigcommerce/index.js';
import type { OrderOwner } from '../../../bff/src/cache/index.js';
import { START, type ListPosition } from '../../../bff/src/context/context-cursor.js';
import { mergeOrderLists } from '../../../bff/src/context/merge-order-lists.js';
import type { ShopperLookups } from '../../../bff/src/context/shopper-lookups.js';

const EMAIL = 'ada@example.com';
const CUSTOMER = 7;

function order(id: number, minutesAgo: number, customerId: number, statusId = 10): BcOrder {
  return {
    id,
    customerId,
    statusId,
    channelId: 1,
    dateCreated: new Date(Date.UTC(2026, 0, 1) - minutesAgo * 60_000).toISOString(),
  } as BcOrder;
}

/** Upstream lists as BigCommerce would page them (newest first), with a page log. */
function createFakeLookups(lists: { customer: BcOrder[]; email: BcOrder[] }, pageSize: number) {
  const loads: string[] = [];
  const listOf = (owner: OrderOwner) => ('customerId' in owner ? lists.customer : lists.email);
  const pageOf = (owner: OrderOwner, page: number): OrderPage => {
    const all = listOf(owner);
    return {
      orders: all.slice((page - 1) * pageSize, page * pageSize),
      hasMore: all.length > page * pageSize,
    };
  };
  const held = new Map<string, OrderPage>();
  const keyOf = (owner: OrderOwner, page: number) => `${'customerId' in owner ? 'c' : 'e'}${page}`;
  const lookups: ShopperLookups = {
    storeKey: 'eu',
    channels: [1],
    customerById: async () => null,
    customersByEmail: async () => [],
    async orderPage(owner, page) {
      const key = keyOf(owner, page);
      if (!held.has(key)) {
        loads.push(key);
        held.set(key, pageOf(owner, page));
      }
      return held.get(key)!;
    },
    prefetchOrderPage() {},
    countOrders: async () => 0,
    peekOrderPage: (owner, page) => held.get(keyOf(owner, page)),
    freshness: () => ({ asOf: 0, stale: false }),
    invalidLoads: () => [],
  };
  return { lookups, loads, forget: () => held.clear() };
}

async function walk(
  make: () => ShopperLookups,
  withGuest: boolean,
  size: number,
): Promise<{ ids: number[]; pages: number }> {
  let positions: { customer: ListPosition; guest: ListPosition } = { customer: START, guest: START };
  const ids: number[] = [];
  for (let pages = 1; pages < 200; pages += 1) {
    const page = await mergeOrderLists(
      make(),
      {
        customer: { owner: { customerId: CUSTOMER }, guestOnly: false, from: positions.customer },
        guest: withGuest ? { owner: { email: EMAIL }, guestOnly: true, from: positions.guest } : null,
      },
      size,
    );
    ids.push(...page.orders.map((entry) => entry.order.id));
    if (!page.hasMore) return { ids, pages };
    positions = { customer: page.customer, guest: page.guest };
  }
  throw new Error('never ends');
}

function newestFirst(orders: BcOrder[]): BcOrder[] {
  return [...orders].sort((a, b) => Date.parse(b.dateCreated) - Date.parse(a.dateCreated) || b.id - a.id);
}

describe('merging a shopper’s orders with their guest orders', () => {
  // 40 registered orders every 10 minutes, 12 guest orders in between, 3 abandoned checkouts.
  const own = Array.from({ length: 40 }, (_, i) => order(1000 + i, i * 10, CUSTOMER));
  const guests = Array.from({ length: 12 }, (_, i) => order(2000 + i, i * 33 + 5, 0));
  const incomplete = [order(3000, 2, CUSTOMER, 0), order(3001, 44, 0, 0)];
  const customerList = newestFirst([...own, incomplete[0]!]);
  const emailList = newestFirst([...own, ...guests, ...incomplete]);
  const expected = newestFirst([...own, ...guests]).map((o) => o.id);

  it('walks every visible order exactly once, newest first, whatever the page sizes', async () => {
    for (const [upstream, size] of [
      [7, 5],
      [50, 20],
      [3, 4],
      [10, 10],
    ] as const) {
      const fake = createFakeLookups({ customer: customerList, email: emailList }, upstream);

      const { ids } = await walk(() => fake.lookups, true, size);

      assert.deepEqual(ids, expected, `upstream ${upstream}, page ${size}`);
    }
  });

  it('reads the guest list only as far as the shopper’s own list has come', async () => {
    const fake = createFakeLookups({ customer: customerList, email: emailList }, 10);

    await mergeOrderLists(
      fake.lookups,
      {
        customer: { owner: { customerId: CUSTOMER }, guestOnly: false, from: START },
        guest: { owner: { email: EMAIL }, guestOnly: true, from: START },
      },
      5,
    );

    assert.deepEqual(fake.loads.sort(), ['c1', 'e1']);
  });

  it('does not repeat an order when a new one arrived on top between two pages', async () => {
    const lists = { customer: [...customerList], email: [...emailList] };
    const fake = createFakeLookups(lists, 8);
    const first = await mergeOrderLists(
      fake.lookups,
      { customer: { owner: { customerId: CUSTOMER }, guestOnly: false, from: START }, guest: null },
      5,
    );
    const fresh = order(999, -5, CUSTOMER);
    lists.customer.unshift(fresh);
    fake.forget();

    const second = await mergeOrderLists(
      fake.lookups,
      { customer: { owner: { customerId: CUSTOMER }, guestOnly: false, from: first.customer }, guest: null },
      5,
    );

    const shown = [...first.orders, ...second.orders].map((entry) => entry.order.id);
    assert.equal(new Set(shown).size, shown.length);
    assert.deepEqual(
      shown,
      customerList
        .filter((o) => o.statusId !== 0)
        .slice(0, 10)
        .map((o) => o.id),
    );
  });
});
