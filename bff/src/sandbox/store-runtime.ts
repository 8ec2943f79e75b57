// One running sandbox store: its data, hooks, mutation API and fault controls, wired to the shared
// webhook dispatcher and request fault registry. Routes receive it as `request.store`.
import { createHash } from 'node:crypto';
import type { ConsignmentContext } from './consignments.js';
import { createSandboxStore, type SandboxData, type SandboxDataInternals } from './create-sandbox-data.js';
import type { FaultRegistry } from './fault-registry.js';
import { createHookRegistry, type HookRegistry } from './hook-registry.js';
import { PICKUP_DETAILS } from './pickup-locations.js';
import type { SandboxStoreSpec } from './sandbox-store-spec.js';
import { createStoreFaults, type StoreFaultControls } from './store-faults.js';
import { createStoreMutations, type StoreMutations } from './store-mutations.js';
import type { DispatchStore, WebhookDispatcher } from './webhook-dispatcher.js';

export interface StoreRuntime extends DispatchStore {
  spec: SandboxStoreSpec;
  /** The API account's client_id (hooks carry it); one per store token. */
  clientId: string;
  data: SandboxData;
  internals: SandboxDataInternals;
  mutate: StoreMutations;
  faults: StoreFaultControls;
  consignments: ConsignmentContext;
}

export function createStoreRuntime(options: {
  spec: SandboxStoreSpec;
  now: () => number;
  dispatcher: WebhookDispatcher;
  registry: FaultRegistry;
  nextHookId: () => number;
}): StoreRuntime {
  const { spec, now, dispatcher, registry } = options;
  const { data, internals } = createSandboxStore(spec, { now });
  // A stable, token-derived id in the 32-character shape of BigCommerce's (webhooks.v3.yml example).
  const clientId = createHash('sha1').update(`client:${spec.token}`).digest('hex').slice(0, 32);
  const hooks: HookRegistry = createHookRegistry({
    storeHash: spec.hash,
    clientId,
    now,
    nextId: options.nextHookId,
  });
  const dispatchStore: DispatchStore = { hash: spec.hash, storeId: String(data.store.store_id), hooks };
  const profile = internals.ctx.profile;
  return {
    ...dispatchStore,
    spec,
    clientId,
    data,
    internals,
    mutate: createStoreMutations({
      data,
      internals,
      emit: (event) => dispatcher.publish(dispatchStore, event),
    }),
    faults: createStoreFaults({ store: dispatchStore, registry, dispatcher }),
    consignments: {
      storeHash: spec.hash,
      pickupMethods: new Set(
        profile.channels.flatMap((c) => c.methods.filter((m) => m.pickup).map((m) => m.name)),
      ),
      pickup: PICKUP_DETAILS[profile.region],
    },
  };
}
