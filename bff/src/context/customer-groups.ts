import type { BigCommerceClient } from '../bigcommerce/index.js';
import { createDeadline } from '../core/deadline.js';

/** Renamed rarely: read every six hours; a failed read is tried again after five minutes. */
export const GROUP_NAMES_REFRESH_MS = 6 * 3_600_000;
export const GROUP_NAMES_RETRY_MS = 5 * 60_000;
/** What one read may take: it runs at start, and start should not wait long on a store that hangs. */
const READ_BUDGET_MS = 2_000;

export interface CustomerGroupNames {
  /** The group's name, or null (no group, an unknown id, or not read yet): a view never waits for it. */
  name(storeKey: string, groupId: number | null): string | null;
  /** Reads every store's groups once (at start); later reads run on their own timer. */
  start(): Promise<void>;
  stop(): void;
}

export interface CustomerGroupNamesDeps {
  clientFor(storeKey: string): Pick<BigCommerceClient, 'getCustomerGroups'>;
  storeKeys: readonly string[];
  log?: { warn(fields: Record<string, unknown>, message: string): void };
}

/**
 * The stores' customer group names (`GET /v2/customer_groups`), read at start and every few hours in the
 * background: one call per store, never one per view, so a ticket view (even a cold one from the index) costs
 * no call for them.
 */
export function createCustomerGroupNames(deps: CustomerGroupNamesDeps): CustomerGroupNames {
  const names = new Map<string, ReadonlyMap<number, string>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let stopped = false;

  async function read(storeKey: string): Promise<void> {
    let next = GROUP_NAMES_REFRESH_MS;
    try {
      const groups = await deps
        .clientFor(storeKey)
        .getCustomerGroups({ signal: createDeadline(READ_BUDGET_MS) });
      names.set(storeKey, new Map(groups.map((group) => [group.id, group.name])));
    } catch (error) {
      // Names we had keep serving; without any, cards show no group until a later read succeeds.
      next = GROUP_NAMES_RETRY_MS;
      deps.log?.warn({ storeKey, err: error }, 'customer group names could not be read');
    }
    if (stopped) return;
    const timer = setTimeout(() => void read(storeKey), next);
    timer.unref();
    timers.set(storeKey, timer);
  }

  return {
    name(storeKey, groupId) {
      // 0 is BigCommerce's "no group".
      if (groupId === null || groupId <= 0) return null;
      return names.get(storeKey)?.get(groupId) ?? null;
    },
    async start() {
      await Promise.all(deps.storeKeys.map(read));
    },
    stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
