import type { BigCommerceClient } from '../bigcommerce/index.js';
import { createDeadline } from '../core/deadline.js';
import type { Logger } from '../core/logger.js';

/**
 * BigCommerce's own names of the fixed order statuses, for when the store's labels cannot be read:
 * https://developer.bigcommerce.com/docs/rest-management/orders/order-status
 */
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

export interface StatusLabels {
  /** The merchant's label of a status in a store (e.g. "Versandbereit"), else BigCommerce's name, else "#id". */
  labelOf(storeKey: string, statusId: number): Promise<string>;
}

export interface StatusLabelsDeps {
  clientFor(storeKey: string): Pick<BigCommerceClient, 'getOrderStatuses'>;
  now: () => number;
  logger: Logger;
  /** How long a store's labels are kept. Default one hour: merchants rename statuses rarely. */
  ttlMs?: number;
  /** The longest the feed waits for the labels before it uses BigCommerce's names. Default 3 s. */
  budgetMs?: number;
}

/**
 * A change's `previous` names the status the order had; the order change carries only its id. One call per
 * store and hour reads the merchant's labels (`GET /v2/order_statuses`); concurrent callers share it, and a
 * failure is remembered for a minute so an outage does not cost a call per change.
 */
export function createStatusLabels(deps: StatusLabelsDeps): StatusLabels {
  const ttlMs = deps.ttlMs ?? 3_600_000;
  const budgetMs = deps.budgetMs ?? 3_000;
  const known = new Map<string, { labels: Map<number, string>; until: number }>();
  const loading = new Map<string, Promise<Map<number, string>>>();

  async function load(storeKey: string): Promise<Map<number, string>> {
    try {
      const statuses = await deps.clientFor(storeKey).getOrderStatuses({ signal: createDeadline(budgetMs) });
      const labels = new Map(statuses.map((status) => [status.id, status.customLabel.trim() || status.name]));
      known.set(storeKey, { labels, until: deps.now() + ttlMs });
      return labels;
    } catch (error) {
      deps.logger.warn({ err: error, storeKey }, 'order status labels unreadable; using BigCommerce’s names');
      known.set(storeKey, { labels: new Map(), until: deps.now() + 60_000 });
      return new Map();
    }
  }

  return {
    async labelOf(storeKey, statusId) {
      const cached = known.get(storeKey);
      let labels = cached && cached.until > deps.now() ? cached.labels : undefined;
      if (!labels) {
        let pending = loading.get(storeKey);
        if (!pending) {
          pending = load(storeKey).finally(() => loading.delete(storeKey));
          loading.set(storeKey, pending);
        }
        labels = await pending;
      }
      return labels.get(statusId) ?? DEFAULT_NAMES[statusId] ?? `#${statusId}`;
    },
  };
}
