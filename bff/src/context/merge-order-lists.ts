import type { BcOrder } from '../bigcommerce/index.js';
import type { OrderOwner } from '../cache/index.js';
import { START, type ListPosition } from './context-cursor.js';
import { isVisibleOrder } from './order-visibility.js';
import type { ShopperLookups } from './shopper-lookups.js';

export interface OrderListSpec {
  owner: OrderOwner;
  /** Guest lists hold every order placed with the email; only customer_id 0 ones are the guest's. */
  guestOnly: boolean;
  from: ListPosition;
}

export interface MergedOrder {
  order: BcOrder;
  guest: boolean;
}

export interface MergedPage {
  orders: MergedOrder[];
  /** Where each list continues; echoed unchanged for a list that is absent. */
  customer: ListPosition;
  guest: ListPosition;
  /** False only when both lists are known to be exhausted. */
  hasMore: boolean;
}

type Head = { order: BcOrder; page: number; index: number };

interface ListReader {
  /**
   * The next visible order of this list that is not older than `bound` (null = no bound). null when there is
   * none: the list ended, or the next records are all older than `bound`. With `load: false`, undefined when
   * answering would need an upstream page this request does not hold yet.
   */
  head(bound: BcOrder | null, load?: boolean): Promise<Head | null | undefined>;
  /** Consumes the current head. */
  take(head: Head): void;
  position(): ListPosition;
}

function isOlder(order: BcOrder, than: BcOrder): boolean {
  return Date.parse(order.dateCreated) < Date.parse(than.dateCreated);
}

function createListReader(lookups: ShopperLookups, spec: OrderListSpec): ListReader {
  let position = spec.from;
  let anchored = position.lastId === 0;
  let found: Head | null = null;
  const accepts = (order: BcOrder): boolean =>
    (!spec.guestOnly || order.customerId === 0) && isVisibleOrder(order, lookups.channels);

  async function scan(bound: BcOrder | null, load: boolean): Promise<Head | null | undefined> {
    let { page, index } = position;
    for (;;) {
      const result = load
        ? await lookups.orderPage(spec.owner, page)
        : lookups.peekOrderPage(spec.owner, page);
      if (result === undefined) return undefined;
      if (!anchored) {
        // A reloaded page may have shifted when new orders arrived on top: resume after the last order read.
        const at = result.orders.findIndex((order) => order.id === position.lastId);
        if (at >= 0) index = at + 1;
        anchored = true;
      }
      for (; index < result.orders.length; index += 1) {
        const order = result.orders[index];
        if (!order) continue;
        // Lists are newest first: past the bound, nothing newer can follow. Stopping here keeps a guest list
        // that is mostly the shopper's own registered orders from being read to its end on the first page.
        if (bound !== null && isOlder(order, bound)) break;
        if (accepts(order)) {
          found = { order, page, index };
          position = { page, index, lastId: position.lastId };
          return found;
        }
      }
      // Records skipped so far are hidden ones: never shown, so never read again.
      position = { page, index, lastId: position.lastId };
      if (index < result.orders.length || !result.hasMore) return null;
      page += 1;
      index = 0;
    }
  }

  return {
    async head(bound, load = true) {
      return found ?? scan(bound, load);
    },
    take(head) {
      position = { page: head.page, index: head.index + 1, lastId: head.order.id };
      found = null;
    },
    position: () => position,
  };
}

/** Newest first; the id breaks ties between orders created in the same second. */
function isNewer(a: BcOrder, b: BcOrder): boolean {
  const ta = Date.parse(a.dateCreated);
  const tb = Date.parse(b.dateCreated);
  return ta !== tb ? ta > tb : a.id > b.id;
}

/**
 * One page of a shopper's orders, newest first, merged from their own list and their guest list. Each list is
 * read strictly in order and only advanced past what was emitted (or hidden), so walking the pages yields every
 * visible order exactly once. The guest list is read only as far as the shopper's own list has come, and
 * upstream pages are loaded only when an order from them is needed.
 */
export async function mergeOrderLists(
  lookups: ShopperLookups,
  lists: { customer: OrderListSpec | null; guest: OrderListSpec | null },
  size: number,
): Promise<MergedPage> {
  const customer = lists.customer && createListReader(lookups, lists.customer);
  const guest = lists.guest && createListReader(lookups, lists.guest);
  const orders: MergedOrder[] = [];
  // Both first pages are usually needed: loading them together keeps it one round trip.
  if (lists.customer && lists.guest) {
    await Promise.all([
      lookups.orderPage(lists.customer.owner, lists.customer.from.page),
      lookups.orderPage(lists.guest.owner, lists.guest.from.page),
    ]);
  }

  while (orders.length < size) {
    const customerHead = customer ? await customer.head(null) : null;
    const guestHead = guest ? await guest.head(customerHead?.order ?? null) : null;
    if (customer && customerHead && (!guestHead || isNewer(customerHead.order, guestHead.order))) {
      orders.push({ order: customerHead.order, guest: customerHead.order.customerId === 0 });
      customer.take(customerHead);
    } else if (guest && guestHead) {
      orders.push({ order: guestHead.order, guest: true });
      guest.take(guestHead);
    } else {
      break;
    }
  }

  return {
    orders,
    customer: customer?.position() ?? lists.customer?.from ?? START,
    guest: guest?.position() ?? lists.guest?.from ?? START,
    hasMore: (await mayContinue(customer)) || (await mayContinue(guest)),
  };
}

/**
 * Whether a list may have more, decided without a further upstream call: a list whose next order is not in a
 * page this request already holds counts as "maybe", so at worst the last page comes back empty.
 */
async function mayContinue(reader: ListReader | null): Promise<boolean> {
  if (!reader) return false;
  return (await reader.head(null, false)) !== null;
}
