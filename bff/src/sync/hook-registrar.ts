import type { BcHook, BigCommerceClient } from '../bigcommerce/index.js';
import type { Logger } from '../core/logger.js';

/** The scopes DESIGN §9 registers per store. */
export const HOOK_SCOPES = [
  'store/order/created',
  'store/order/updated',
  'store/order/statusUpdated',
  'store/order/archived',
  'store/order/refund/created',
  'store/shipment/created',
  'store/shipment/updated',
  'store/shipment/deleted',
  'store/customer/updated',
] as const;

/** The header BigCommerce sends back with every delivery (DESIGN §9). */
export const SECRET_HEADER = 'X-Webhook-Secret';

export interface HookTarget {
  storeKey: string;
  destination: string;
  secret: string;
}

export interface HookCheck {
  /** Epoch ms of the last finished check, or null before the first. */
  checkedAt: number | null;
  /** Hooks of ours found for the wanted scopes. */
  registered: number;
  active: number;
  wanted: number;
  /** What the last check repaired (created, re-activated, re-keyed). */
  repaired: number;
  error: string | null;
}

export interface HookRegistrar {
  /** Lists our hooks, creates missing ones, re-activates and re-keys the rest. Never throws (see `error`). */
  reconcile(target: HookTarget): Promise<HookCheck>;
  /** Removes every hook of ours at this destination (`npm run webhooks -- remove`). */
  remove(target: Pick<HookTarget, 'storeKey' | 'destination'>): Promise<number>;
  list(storeKey: string): Promise<BcHook[]>;
}

export interface HookRegistrarDeps {
  clientFor: (
    storeKey: string,
  ) => Pick<BigCommerceClient, 'listHooks' | 'createHook' | 'updateHook' | 'deleteHook'>;
  now: () => number;
  logger: Logger;
}

/**
 * Keeps a store's hooks as DESIGN §9 wants them: one per scope to our destination, active, carrying the secret
 * header. BigCommerce deactivates hooks silently (48 hours of failed deliveries, 90 days without events), so
 * this runs at start and every 15 minutes. A hook's headers come back in clear from GET /v3/hooks; they are
 * compared, never logged.
 */
export function createHookRegistrar(deps: HookRegistrarDeps): HookRegistrar {
  return {
    async reconcile(target) {
      const client = deps.clientFor(target.storeKey);
      const check: HookCheck = {
        checkedAt: null,
        registered: 0,
        active: 0,
        wanted: HOOK_SCOPES.length,
        repaired: 0,
        error: null,
      };
      try {
        const hooks = (await client.listHooks()).filter((hook) => hook.destination === target.destination);
        for (const scope of HOOK_SCOPES) {
          const hook = hooks.find((candidate) => candidate.scope === scope);
          const headers = { [SECRET_HEADER]: target.secret };
          if (!hook) {
            await client.createHook({ scope, destination: target.destination, isActive: true, headers });
            check.repaired += 1;
          } else if (!hook.isActive || hook.headers[SECRET_HEADER] !== target.secret) {
            await client.updateHook(hook.id, { isActive: true, headers });
            check.repaired += 1;
          }
          check.registered += 1;
          check.active += 1;
        }
        check.checkedAt = deps.now();
        if (check.repaired > 0) {
          deps.logger.info(
            { storeKey: target.storeKey, repaired: check.repaired, destination: target.destination },
            'webhooks registered or repaired',
          );
        }
      } catch (error) {
        check.error = error instanceof Error ? error.message : String(error);
        deps.logger.warn(
          { storeKey: target.storeKey, err: error },
          'could not check the webhooks; trying again later',
        );
      }
      return check;
    },
    async remove(target) {
      const client = deps.clientFor(target.storeKey);
      const ours = (await client.listHooks()).filter((hook) => hook.destination === target.destination);
      for (const hook of ours) await client.deleteHook(hook.id);
      return ours.length;
    },
    list: (storeKey) => deps.clientFor(storeKey).listHooks(),
  };
}

/** Where BigCommerce delivers a store's hooks. */
export function hookDestination(publicUrl: string, storeKey: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/webhooks/bigcommerce/${encodeURIComponent(storeKey)}`;
}
