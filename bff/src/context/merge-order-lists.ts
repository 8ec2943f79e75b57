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

type Head = { order: BcOrder; page: number; index: number } | null;

interface ListReader {
  /** The next visible order, loading upstream pages as needed; null at the end of the list. */
  next(): Promise<Head>;
  /** Like next(), but undefined when that would need an upstream page this request does not hold yet. */
  nextIfLoaded(): Promise<Head | undefined>;
  take(head: NonNullable<Head>): void;
  position(): ListPosition;
}

function createListReader(lookups: ShopperLookups, spec: OrderListSpec): ListReader {
  let position = spec.from;
  let anchored = position.lastId === 0;
  const accepts = (order: BcOrder): boolean =>
    (!spec.guestOnly || order.customerId === 0) && isVisibleOrder(order, lookups.channels);

  async function scan(load: boolean): Promise<Head | undefined> {
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
        if (order && accepts(order)) return { order, page, index };
      }
      if (!result.hasMore) return null;
      page += 1;
      index = 0;
    }
  }

  return {
    next: async () => (await scan(true)) ?? null,
    nextIfLoaded: () => scan(false),
    take(head) {
      position = { page: head.page, index: head.index + 1, lastId: head.order.id };
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
 * read strictly in order and only advanced past what was emitted, so walking the pages yields every visible
 * order exactly once. Upstream pages are loaded only when an order from them is needed.
 */
export async function mergeOrderLists(
  lookups: ShopperLookups,
  lists: { customer: OrderListSpec | null; guest: OrderListSpec | null },
  size: number,
): Promise<MergedPage> {
  const customer = lists.customer && createListReader(lookups, lists.customer);
  const guest = lists.guest && createListReader(lookups, lists.guest);
  // Both first pages are needed to compare heads; loading them together keeps it one round trip.
  const heads = await Promise.all([customer?.next() ?? null, guest?.next() ?? null]);
  let customerHead: Head | undefined = heads[0];
  let guestHead: Head | undefined = heads[1];
  const orders: MergedOrder[] = [];

  // A head is undefined after its order was emitted as the last of the page: it is only looked up if needed.
  while (orders.length < size && (customerHead || guestHead)) {
    if (customer && customerHead && (!guestHead || isNewer(customerHead.order, guestHead.order))) {
      orders.push({ order: customerHead.order, guest: customerHead.order.customerId === 0 });
      customer.take(customerHead);
      customerHead = orders.length < size ? await customer.next() : undefined;
    } else if (guest && guestHead) {
      orders.push({ order: guestHead.order, guest: true });
      guest.take(guestHead);
      guestHead = orders.length < size ? await guest.next() : undefined;
    }
  }

  return {
    orders,
    customer: customer?.position() ?? lists.customer?.from ?? START,
    guest: guest?.position() ?? lists.guest?.from ?? START,
    hasMore: (await mayContinue(customer, customerHead)) || (await mayContinue(guest, guestHead)),
  };
}

/**
 * Whether a list may have more, decided without a further upstream call: a list whose next order is not in a
 * page this request already holds counts as "maybe", so at worst the last page comes back empty.
 */
async function mayContinue(reader: ListReader | null, head: Head | undefined): Promise<boolean> {
  if (!reader) return false;
  if (head !== undefined) return head !== null;
  return (await reader.nextIfLoaded()) !== null;
}
