import type { BcCustomer } from '../bigcommerce/index.js';
import type { IndexAccess } from './context-deps.js';
import { INCOMPLETE_STATUS_ID } from './order-status.js';
import type { ShopperLookups } from './shopper-lookups.js';

/**
 * Shopper lookups that ask the sync room's index first and BigCommerce only for what the index does not have:
 * a customer created since the last delta run (customer creation fires no hook we register), or a guest whose
 * orders are all older than the window. A match from the index costs no call of the store's quota.
 */
export function createIndexLookups(
  index: IndexAccess,
  live: ShopperLookups,
  windowStart: number,
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
      return indexed ? (indexed.record as BcCustomer) : goLive(() => live.customerById(id));
    },
    async customersByEmail(email) {
      const indexed = await index.repo.findCustomersByEmail(storeKey, email);
      return indexed.length > 0
        ? indexed.map((customer) => customer.record as BcCustomer)
        : goLive(() => live.customersByEmail(email));
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
