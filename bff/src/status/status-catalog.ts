import type { OrderStatus } from '../../../shared/common.js';
import type { BigCommerceClient, BcOrderStatus, CallOptions } from '../bigcommerce/index.js';
import { toOrderStatus } from '../context/index.js';

/** BigCommerce's default names, for when the store's own list cannot be read (orders.v2 /order_statuses). */
const DEFAULT_NAMES: Readonly<Record<number, string>> = {
  0: 'Incomplete',
  1: 'Pending',
  2: 'Shipped',
  3: 'Partially Shipped',
  4: 'Refunded',
  5: 'Cancelled',
  6: 'Declined',
  7: 'Awaiting Payment',
  8: 'Awaiting Pickup',
  9: 'Awaiting Shipment',
  10: 'Completed',
  11: 'Awaiting Fulfillment',
  12: 'Manual Verification Required',
  13: 'Disputed',
  14: 'Partially Refunded',
};

/** A store's statuses change only when a merchant renames one; an hour is fresh enough for labels. */
export const STATUS_CATALOG_TTL_MS = 3_600_000;

export interface StatusCatalog {
  /** The store's statuses (`GET /v2/order_statuses`), read once an hour at most; concurrent reads share one call. */
  list(storeKey: string, call?: CallOptions): Promise<readonly BcOrderStatus[]>;
  /** A status by id with the merchant's label; BigCommerce's default name when the list cannot be read. */
  describe(storeKey: string, statusId: number, call?: CallOptions): Promise<OrderStatus>;
}

export interface StatusCatalogDeps {
  clientFor: (storeKey: string) => Pick<BigCommerceClient, 'getOrderStatuses'>;
  now: () => number;
}

export function createStatusCatalog(deps: StatusCatalogDeps): StatusCatalog {
  const loaded = new Map<string, { at: number; statuses: Promise<readonly BcOrderStatus[]> }>();

  function list(storeKey: string, call?: CallOptions): Promise<readonly BcOrderStatus[]> {
    const known = loaded.get(storeKey);
    if (known && deps.now() - known.at < STATUS_CATALOG_TTL_MS) return known.statuses;
    const statuses = deps.clientFor(storeKey).getOrderStatuses(call);
    loaded.set(storeKey, { at: deps.now(), statuses });
    // A failed read is forgotten, so the next caller asks again instead of sharing the failure for an hour.
    statuses.catch(() => {
      if (loaded.get(storeKey)?.statuses === statuses) loaded.delete(storeKey);
    });
    return statuses;
  }

  return {
    list,
    async describe(storeKey, statusId, call) {
      const name = DEFAULT_NAMES[statusId] ?? '';
      try {
        const status = (await list(storeKey, call)).find((candidate) => candidate.id === statusId);
        if (status) return toOrderStatus(status.id, status.name, status.customLabel);
      } catch {
        // Labels are a nicety here: the change itself never waits on them.
      }
      return toOrderStatus(statusId, name, '');
    },
  };
}

/** The configured ids a store does not have (BigCommerce's ids are fixed, so normally none). */
export function findUnknownStatusIds(
  configured: readonly number[],
  statuses: readonly BcOrderStatus[],
): number[] {
  const known = new Set(statuses.map((status) => status.id));
  return [...new Set(configured)].filter((id) => !known.has(id));
}
