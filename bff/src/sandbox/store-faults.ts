// Store-level faults for demos and the operations console: a whole store down (every BigCommerce call
// answers 503, or hangs), a 429 storm (with quota headers, or without them: BigCommerce's "platform under
// load", reference bigcommerce-api.md (h)), and the webhook delivery knobs. They are ordinary rules in the
// request fault registry plus the dispatcher's per-store delivery faults, so they compose with scripted rules.
import type { FaultRegistry } from './fault-registry.js';
import {
  NO_DELIVERY_FAULTS,
  type DeliveryFaults,
  type DispatchStore,
  type WebhookDispatcher,
} from './webhook-dispatcher.js';

export interface StoreFaultState {
  outage: false | { mode: 'error'; status: number } | { mode: 'hang' };
  rateLimit: false | { withHeaders: boolean; resetMs?: number };
  deliveries: DeliveryFaults;
}

export interface StoreFaultPatch {
  /** true = every call answers 503. */
  outage?: boolean | { mode?: 'error' | 'hang'; status?: number };
  /** true = every call answers 429 without rate-limit headers. */
  rateLimit?: boolean | { withHeaders?: boolean; resetMs?: number };
  deliveries?: Partial<DeliveryFaults>;
}

export interface StoreFaultControls {
  get(): StoreFaultState;
  /** Sets the given faults; the others stay as they are. */
  set(patch: StoreFaultPatch): StoreFaultState;
  /** Back to normal: no outage, no storm, deliveries resumed (held ones are sent) and undisturbed. */
  clear(): StoreFaultState;
}

export function createStoreFaults(options: {
  store: DispatchStore;
  registry: FaultRegistry;
  dispatcher: WebhookDispatcher;
}): StoreFaultControls {
  const { store, registry, dispatcher } = options;
  let outage: StoreFaultState['outage'] = false;
  let rateLimit: StoreFaultState['rateLimit'] = false;
  let outageRule: number | null = null;
  let rateRule: number | null = null;
  const get = (): StoreFaultState => ({ outage, rateLimit, deliveries: dispatcher.faultsOf(store.hash) });

  return {
    get,
    set(patch) {
      if (patch.outage !== undefined) {
        if (outageRule !== null) registry.remove(outageRule);
        outageRule = null;
        const value = patch.outage === true ? {} : patch.outage;
        outage =
          value === false
            ? false
            : value.mode === 'hang'
              ? { mode: 'hang' }
              : { mode: 'error', status: value.status ?? 503 };
        if (outage) {
          outageRule = registry.add(
            outage.mode === 'hang'
              ? { store: store.hash, hangRate: 1 }
              : { store: store.hash, errorRate: 1, status: outage.status },
          );
        }
      }
      if (patch.rateLimit !== undefined) {
        if (rateRule !== null) registry.remove(rateRule);
        rateRule = null;
        const value = patch.rateLimit === true ? {} : patch.rateLimit;
        rateLimit =
          value === false
            ? false
            : {
                withHeaders: value.withHeaders ?? false,
                ...(value.resetMs === undefined ? {} : { resetMs: value.resetMs }),
              };
        if (rateLimit) rateRule = registry.add({ store: store.hash, rateLimit });
      }
      if (patch.deliveries) dispatcher.setFaults(store, patch.deliveries);
      return get();
    },
    clear() {
      if (outageRule !== null) registry.remove(outageRule);
      if (rateRule !== null) registry.remove(rateRule);
      outageRule = rateRule = null;
      outage = rateLimit = false;
      dispatcher.setFaults(store, NO_DELIVERY_FAULTS);
      return get();
    },
  };
}

/** Checks a control-API body; a string is what is wrong with it. */
export function parseStoreFaultPatch(body: Record<string, unknown>): StoreFaultPatch | string {
  const patch: StoreFaultPatch = {};
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  for (const key of Object.keys(body)) {
    if (!['outage', 'rateLimit', 'deliveries'].includes(key)) return `Unknown fault '${key}'.`;
  }
  const { outage, rateLimit, deliveries } = body;
  if (outage !== undefined) {
    if (typeof outage === 'boolean') patch.outage = outage;
    else if (
      isObject(outage) &&
      (outage['mode'] === undefined || outage['mode'] === 'error' || outage['mode'] === 'hang') &&
      (outage['status'] === undefined ||
        (Number.isInteger(outage['status']) &&
          (outage['status'] as number) >= 400 &&
          (outage['status'] as number) < 600))
    ) {
      patch.outage = outage;
    } else return "outage must be true, false or {mode: 'error'|'hang', status}.";
  }
  if (rateLimit !== undefined) {
    if (typeof rateLimit === 'boolean') patch.rateLimit = rateLimit;
    else if (
      isObject(rateLimit) &&
      (rateLimit['withHeaders'] === undefined || typeof rateLimit['withHeaders'] === 'boolean') &&
      (rateLimit['resetMs'] === undefined ||
        (Number.isInteger(rateLimit['resetMs']) && (rateLimit['resetMs'] as number) >= 0))
    ) {
      patch.rateLimit = rateLimit;
    } else return 'rateLimit must be true, false or {withHeaders, resetMs}.';
  }
  if (deliveries !== undefined) {
    if (!isObject(deliveries)) return 'deliveries must be an object.';
    const d: Partial<DeliveryFaults> = {};
    for (const [key, value] of Object.entries(deliveries)) {
      if ((key === 'paused' || key === 'duplicate') && typeof value === 'boolean') d[key] = value;
      else if (key === 'reorder' && (value === 'none' || value === 'reverse' || value === 'shuffle'))
        d.reorder = value;
      else if (
        key === 'drop' &&
        (typeof value === 'boolean' || (typeof value === 'number' && value >= 0 && value <= 1))
      ) {
        d.drop = value;
      } else return `deliveries.${key} is not a valid delivery fault.`;
    }
    patch.deliveries = d;
  }
  return patch;
}
