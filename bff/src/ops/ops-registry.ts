import { createMinuteSeries, type MinuteSeries } from './minute-series.js';
import type {
  NotesOpsProvider,
  PushOpsProvider,
  SyncOpsProvider,
  WebhookDeliveryOutcome,
} from './ops-providers.js';
import { createEvidence, recordCall, type UpstreamCall, type UpstreamEvidence } from './upstream-evidence.js';

/**
 * `ctx.ops`: where rooms register their providers and report what happens, and where the ops room reads it
 * back. Only configured stores are tracked, so nothing a caller sends (a webhook path's store key) can grow it.
 */
export interface OpsRegistry {
  readonly storeKeys: readonly string[];
  /** The sync room, once, from its extension factory. */
  provideSync(provider: SyncOpsProvider): void;
  /** The novomind room, once. */
  providePush(provider: PushOpsProvider): void;
  /** The notes room, once. */
  provideNotes(provider: NotesOpsProvider): void;
  /** Every BigCommerce attempt (server.ts feeds the clients' onRequest hook here). */
  recordUpstream(call: UpstreamCall): void;
  /** Every cache lookup with the store of its key (server.ts feeds the cache's onEvent hook here). */
  recordCacheLookup(storeKey: string, outcome: string): void;
  /** The sync room's webhook intake: how it answered each delivery. */
  recordWebhookDelivery(storeKey: string, outcome: WebhookDeliveryOutcome): void;

  /** Read side, for the ops room. */
  readonly sync: SyncOpsProvider | null;
  readonly push: PushOpsProvider | null;
  readonly notes: NotesOpsProvider | null;
  seriesOf(storeKey: string): MinuteSeries | undefined;
  evidenceOf(storeKey: string): Readonly<UpstreamEvidence> | undefined;
  /** Webhook deliveries per outcome since the start (a Prometheus counter). */
  deliveriesOf(storeKey: string): Readonly<Record<WebhookDeliveryOutcome, number>> | undefined;
}

export interface OpsRegistryOptions {
  storeKeys: readonly string[];
  now: () => number;
}

interface StoreRecords {
  series: MinuteSeries;
  evidence: UpstreamEvidence;
  deliveries: Record<WebhookDeliveryOutcome, number>;
}

export function createOpsRegistry(options: OpsRegistryOptions): OpsRegistry {
  const { now } = options;
  const records = new Map<string, StoreRecords>(
    options.storeKeys.map((key) => [
      key,
      {
        series: createMinuteSeries(),
        evidence: createEvidence(),
        deliveries: { accepted: 0, duplicate: 0, unauthorized: 0, invalid: 0 },
      },
    ]),
  );
  let sync: SyncOpsProvider | null = null;
  let push: PushOpsProvider | null = null;
  let notes: NotesOpsProvider | null = null;

  function once<T>(current: T | null, next: T, room: string): T {
    // Two providers for one room would mean two schedulers or queues: a wiring mistake to stop at start.
    if (current !== null) throw new Error(`The ${room} room registered its ops provider twice.`);
    return next;
  }

  return {
    storeKeys: options.storeKeys,
    provideSync(provider) {
      sync = once(sync, provider, 'sync');
    },
    providePush(provider) {
      push = once(push, provider, 'novomind');
    },
    provideNotes(provider) {
      notes = once(notes, provider, 'notes');
    },
    recordUpstream(call) {
      const store = records.get(call.storeKey);
      if (!store) return;
      const at = now();
      const verdict = recordCall(store.evidence, call, at);
      if (verdict === 'ignored') return;
      store.series.add(at, 'calls');
      if (verdict === 'throttled') store.series.add(at, 'throttled');
      if (verdict === 'failed') store.series.add(at, 'failed');
    },
    recordCacheLookup(storeKey, outcome) {
      const store = records.get(storeKey);
      if (!store) return;
      const at = now();
      store.series.add(at, 'cacheLookups');
      if (outcome === 'hit') store.series.add(at, 'cacheHits');
    },
    recordWebhookDelivery(storeKey, outcome) {
      const store = records.get(storeKey);
      if (!store) return;
      store.deliveries[outcome] += 1;
      if (outcome === 'duplicate') store.series.add(now(), 'duplicates');
    },
    get sync() {
      return sync;
    },
    get push() {
      return push;
    },
    get notes() {
      return notes;
    },
    seriesOf: (storeKey) => records.get(storeKey)?.series,
    evidenceOf: (storeKey) => records.get(storeKey)?.evidence,
    deliveriesOf: (storeKey) => records.get(storeKey)?.deliveries,
  };
}
