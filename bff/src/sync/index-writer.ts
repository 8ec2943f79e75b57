import type { BcCustomer, BcOrder } from '../bigcommerce/index.js';
import { cacheKeys, type Cache } from '../cache/index.js';
import type { Logger } from '../core/logger.js';
import type { IndexedOrder, OrderChangeSource, Repos } from '../store/index.js';
import { detectChanges } from './detect-changes.js';
import { toIndexedCustomer, toIndexedOrder } from './index-record.js';

export interface IndexWriterDeps {
  repos: Pick<Repos, 'orderIndex' | 'orderChanges' | 'ownWrites'>;
  cache: Pick<Cache, 'invalidate' | 'invalidatePrefix'>;
  now: () => number;
  logger: Logger;
  /** Called with each change recorded (metrics, the novomind push wakes up). */
  onChange?: (storeKey: string, kind: string) => void;
}

export interface ApplyOptions {
  source: OrderChangeSource;
  /** False during the first back-fill: there is no earlier state to compare, so nothing is a change. */
  recordChanges: boolean;
  /** Webhook scopes per order (what the deliveries said happened). */
  scopes?: ReadonlyMap<number, ReadonlySet<string>>;
}

export interface IndexWriter {
  /** Updates the index from current BigCommerce records, records what changed, drops stale cached views. */
  applyOrders(storeKey: string, orders: readonly BcOrder[], options: ApplyOptions): Promise<number>;
  /** The order is gone from BigCommerce (404 on re-read): it leaves the index and the caches. */
  removeOrder(storeKey: string, orderId: number): Promise<void>;
  applyCustomers(storeKey: string, customers: readonly BcCustomer[]): Promise<void>;
}

/**
 * The one way into the index, for delta runs and webhooks alike. Our own writes (a note, a status change)
 * come back as `store/order/updated` and in the next delta run; their date_modified is on record, so they
 * update the index but are not reported as changes (the status room records its own change).
 */
export function createIndexWriter(deps: IndexWriterDeps): IndexWriter {
  function invalidateOrder(
    storeKey: string,
    order: Pick<IndexedOrder, 'orderId' | 'customerId' | 'email'>,
  ): void {
    // The order's detail, header and owner; and the order lists it appears in (its shopper's, its email's).
    deps.cache.invalidatePrefix(cacheKeys.orderPrefix(storeKey, order.orderId));
    deps.cache.invalidate(cacheKeys.orderOwner(storeKey, order.orderId));
    if (order.customerId > 0) {
      deps.cache.invalidatePrefix(cacheKeys.orderPagesPrefix(storeKey, { customerId: order.customerId }));
    }
    if (order.email !== '') {
      deps.cache.invalidatePrefix(cacheKeys.orderPagesPrefix(storeKey, { email: order.email }));
    }
  }

  return {
    async applyOrders(storeKey, orders, options) {
      if (orders.length === 0) return 0;
      const at = deps.now();
      const next = orders.map((order) => toIndexedOrder(storeKey, order));
      const previous = new Map(
        (
          await deps.repos.orderIndex.getOrders(
            storeKey,
            next.map((order) => order.orderId),
          )
        ).map((order) => [order.orderId, order]),
      );
      const changed = next.filter((order) => {
        const before = previous.get(order.orderId);
        return before === undefined || before.dateModified < order.dateModified;
      });
      await deps.repos.orderIndex.upsertOrders(changed, at);
      let recorded = 0;
      for (const order of changed) {
        invalidateOrder(storeKey, order);
        const before = previous.get(order.orderId) ?? null;
        if (before) invalidateOrder(storeKey, before);
        if (!options.recordChanges) continue;
        const kinds = detectChanges(before, order, options.scopes?.get(order.orderId));
        if (kinds.length === 0) continue;
        if (await deps.repos.ownWrites.isOwn(storeKey, order.orderId, order.dateModified)) continue;
        for (const kind of kinds) {
          await deps.repos.orderChanges.append({
            storeKey,
            orderId: order.orderId,
            kind,
            source: options.source,
            customerId: order.customerId,
            email: order.email,
            statusId: order.statusId,
            previousStatusId: before?.statusId ?? null,
            detail: { summary: order.summary, dateModified: new Date(order.dateModified).toISOString() },
            at,
          });
          recorded += 1;
          deps.onChange?.(storeKey, kind);
        }
      }
      return recorded;
    },

    async removeOrder(storeKey, orderId) {
      const before = await deps.repos.orderIndex.getOrder(storeKey, orderId);
      await deps.repos.orderIndex.deleteOrder(storeKey, orderId);
      invalidateOrder(storeKey, before ?? { orderId, customerId: 0, email: '' });
    },

    async applyCustomers(storeKey, customers) {
      if (customers.length === 0) return;
      await deps.repos.orderIndex.upsertCustomers(
        customers.map((customer) => toIndexedCustomer(storeKey, customer)),
        deps.now(),
      );
      for (const customer of customers) {
        deps.cache.invalidate(cacheKeys.customer(storeKey, customer.id));
        if (customer.email !== '')
          deps.cache.invalidate(cacheKeys.customersByEmail(storeKey, customer.email));
      }
    },
  };
}
