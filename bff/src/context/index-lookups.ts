import type { BcCustomer } from '../bigcommerce/index.js';
import type { IndexAccess } from './context-deps.js';
import { INCOMPLETE_STATUS_ID } from './order-status.js';
import type { ShopperLookups } from './shopper-lookups.js';

/**
 * Shopper lookups that read the sync room's index (it holds every customer of the store), so a match costs
 * no call of the store's quota. What the index cannot know goes to BigCommerce: a customer created since the
 * last delta run (customer creation fires no hook we register) only when the agent presses refresh (the view
 * says how fresh the index is), and a guest whose orders are all older than the window (one list call).
 */
export function createIndexLookups(
  index: IndexAccess,
  live: ShopperLookups,
  windowStart: number,
  /** The agent pressed refresh: a customer the index does not know is asked of BigCommerce too. */
  refresh: boolean,
): ShopperLookups & { usedLive(): boolean; hasGuestOrders(email: string): Promise<boolean> } {
  let usedLive = false;
  const { storeKey } = live;
  const goLive = <T>(load: () => Promise<T>): Promise<T> => {
    usedLive = true;
    return load();
  };
  return {
    ...live,
    storeKey,
    channels: live.channels,
    async customerById(id) {
      const indexed = await index.repo.getCustomer(storeKey, id);
      if (indexed) return indexed.record as BcCustomer;
      return refresh ? goLive(() => live.customerById(id)) : null;
    },
    async customersByEmail(email) {
      const indexed = await index.repo.findCustomersByEmail(storeKey, email);
      if (indexed.length > 0) return indexed.map((customer) => customer.record as BcCustomer);
      return refresh ? goLive(() => live.customersByEmail(email)) : [];
    },
    async hasGuestOrders(email) {
      const count = await index.repo.countShopperOrders({
        storeKey,
        customerId: null,
        guestEmail: email,
        channels: live.channels ?? null,
        excludeStatuses: [INCOMPLETE_STATUS_ID],
        createdFrom: windowStart,
      });
      if (count > 0) return true;
      // Older guest orders are not indexed: BigCommerce answers that (one call, cached like any list page).
      usedLive = true;
      const page = await live.orderPage({ email }, 1);
      return page.orders.some(
        (order) =>
          order.customerId === 0 &&
          order.statusId !== INCOMPLETE_STATUS_ID &&
          (live.channels === undefined || live.channels.includes(order.channelId)),
      );
    },
    usedLive: () => usedLive,
  };
}
