import type { QuotaSnapshot } from '../bigcommerce/index.js';
import type { DeliveryStats, OutboxStats, Repos, SyncState } from '../store/index.js';
import type { OpsRegistry } from './ops-registry.js';
import type { PushFacts, SyncLiveFacts } from './ops-providers.js';
import type { StoreProbe } from './store-probe.js';
import type { MinuteCounter } from './minute-series.js';
import { createEvidence, type UpstreamEvidence } from './upstream-evidence.js';

const HOUR_MS = 3_600_000;
/** "Recently" for throttling: a storm that ended five minutes ago is history, not a state. */
export const RECENT_MINUTES = 5;
/** At most this many changes are read to count the ones webhooks missed; enough to say "many". */
const MISSED_SCAN_LIMIT = 1_000;

export type FactsRepos = {
  syncState: Pick<Repos['syncState'], 'list'>;
  orderIndex: Pick<Repos['orderIndex'], 'countOrders' | 'countCustomers'>;
  webhookDeliveries: Pick<Repos['webhookDeliveries'], 'stats'>;
  orderChanges: Pick<Repos['orderChanges'], 'firstSeqAt' | 'listAfter'>;
  noteOutbox: Pick<Repos['noteOutbox'], 'stats'>;
};

export interface FactsDeps {
  registry: OpsRegistry;
  repos: FactsRepos;
  quotaOf(storeKey: string): QuotaSnapshot;
  probe: StoreProbe;
  now: () => number;
}

/** Everything known about one store at one moment: the raw material of its state, its JSON and its metrics. */
export interface StoreFacts {
  storeKey: string;
  at: number;
  evidence: UpstreamEvidence;
  probePendingSince: number | null;
  quota: QuotaSnapshot;
  lastHour: { calls: number; throttled: number; failed: number; cacheLookups: number; cacheHits: number };
  throttledRecently: number;
  sync: {
    /** null while the sync room does not report. */
    live: SyncLiveFacts | null;
    /** The sync room's provider threw: what it said. */
    liveError: string | null;
    streams: SyncState[];
    ordersIndexed: number;
    customersIndexed: number;
  };
  webhooks: { stats: DeliveryStats; duplicatesLastHour: number; missedLastHour: number };
  notes: OutboxStats;
  push: { facts: PushFacts | null; error: string | null };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A provider's facts, or what went wrong asking: one room's trouble must not blank the whole console. */
async function ask<T>(provider: { facts(storeKey: string): T | Promise<T> } | null, storeKey: string) {
  if (!provider) return { facts: null, error: null };
  try {
    return { facts: await provider.facts(storeKey), error: null };
  } catch (error) {
    return { facts: null, error: messageOf(error) };
  }
}

/**
 * Changes of the last hour recorded from a delta run. With webhooks healthy a change reaches the index through
 * its webhook first, and the delta run then finds nothing new; a change the delta run records is one whose
 * webhook never came (or came too late).
 */
async function countDeltaOnlyChanges(repos: FactsRepos, storeKey: string, since: number): Promise<number> {
  const first = await repos.orderChanges.firstSeqAt(since);
  if (first === null) return 0;
  const changes = await repos.orderChanges.listAfter(first - 1, MISSED_SCAN_LIMIT, storeKey);
  return changes.filter((change) => change.source === 'delta' && change.at >= since).length;
}

/** Whether this store gets webhooks at all: the reconciler says so, or (without it) deliveries have arrived. */
function usesWebhooks(live: SyncLiveFacts | null, stats: DeliveryStats): boolean {
  if (live) return live.webhooks !== null && live.webhooks.expected > 0;
  return stats.lastReceivedAt !== null;
}

export async function gatherStoreFacts(
  deps: FactsDeps,
  storeKey: string,
  syncStates: readonly SyncState[],
): Promise<StoreFacts> {
  const { registry, repos } = deps;
  await deps.probe.probeIfDue(storeKey, registry.evidenceOf(storeKey));
  const at = deps.now();
  const since = at - HOUR_MS;

  const [sync, push, ordersIndexed, customersIndexed, deliveryStats, notes] = await Promise.all([
    ask(registry.sync, storeKey),
    ask(registry.push, storeKey),
    repos.orderIndex.countOrders(storeKey),
    repos.orderIndex.countCustomers(storeKey),
    repos.webhookDeliveries.stats(storeKey, since),
    repos.noteOutbox.stats(storeKey),
  ]);
  const liveHooks = sync.facts?.webhooks ?? null;
  const missedLastHour =
    liveHooks?.missedLastHour ??
    (usesWebhooks(sync.facts, deliveryStats) ? await countDeltaOnlyChanges(repos, storeKey, since) : 0);

  const series = registry.seriesOf(storeKey);
  const sum = (counter: MinuteCounter, minutes?: number): number => series?.sum(at, counter, minutes) ?? 0;
  const evidence = registry.evidenceOf(storeKey);

  return {
    storeKey,
    at,
    evidence: evidence ? { ...evidence } : createEvidence(),
    probePendingSince: deps.probe.pendingSince(storeKey),
    quota: deps.quotaOf(storeKey),
    lastHour: {
      calls: sum('calls'),
      throttled: sum('throttled'),
      failed: sum('failed'),
      cacheLookups: sum('cacheLookups'),
      cacheHits: sum('cacheHits'),
    },
    throttledRecently: sum('throttled', RECENT_MINUTES),
    sync: {
      live: sync.facts,
      liveError: sync.error,
      streams: syncStates.filter((state) => state.storeKey === storeKey),
      ordersIndexed,
      customersIndexed,
    },
    webhooks: { stats: deliveryStats, duplicatesLastHour: sum('duplicates'), missedLastHour },
    notes,
    push,
  };
}
