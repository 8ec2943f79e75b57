import type { Repos } from '../store/index.js';

/** Whether views may read a store's index, and as of when it is true. */
export interface IndexVerdict {
  current: boolean;
  /** Epoch ms the index is known to be current as of (the last finished delta run, or now with live hooks). */
  asOf: number;
}

export interface IndexHealth {
  verdict(storeKey: string): Promise<IndexVerdict>;
  /** Forgets the cached verdicts (after a run, in tests). */
  reset(): void;
}

export interface IndexHealthDeps {
  repos: Pick<Repos, 'syncState'>;
  now: () => number;
  /** The store's delta interval, or null when the store has no index. */
  intervalOf(storeKey: string): number | null;
  /** Whether the store's hooks are registered, active and delivering without backlog (this instance's view). */
  webhooksHealthy(storeKey: string): Promise<boolean>;
  /** How long one verdict is reused: the request path reads the database at most this often. Default 2 s. */
  cacheMs?: number;
}

/**
 * DESIGN §9: ticket views read the index while it is current — its back-fill done, and its last successful
 * delta run younger than twice the interval, or its webhooks healthy; otherwise they go live as before.
 */
export function createIndexHealth(deps: IndexHealthDeps): IndexHealth {
  const cacheMs = deps.cacheMs ?? 2_000;
  const cached = new Map<string, { at: number; verdict: Promise<IndexVerdict> }>();

  async function compute(storeKey: string): Promise<IndexVerdict> {
    const interval = deps.intervalOf(storeKey);
    const now = deps.now();
    if (interval === null) return { current: false, asOf: now };
    const state = await deps.repos.syncState.get(storeKey, 'orders');
    const customers = await deps.repos.syncState.get(storeKey, 'customers');
    if (!state.backfillDone || !customers.backfillDone || state.lastSuccessAt === null) {
      return { current: false, asOf: now };
    }
    if (await deps.webhooksHealthy(storeKey)) return { current: true, asOf: now };
    const fresh = now - state.lastSuccessAt < 2 * interval;
    return { current: fresh, asOf: state.lastSuccessAt };
  }

  return {
    verdict(storeKey) {
      const now = deps.now();
      const hit = cached.get(storeKey);
      if (hit && now - hit.at < cacheMs) return hit.verdict;
      const verdict = compute(storeKey).catch(() => ({ current: false, asOf: now }));
      cached.set(storeKey, { at: now, verdict });
      return verdict;
    },
    reset: () => cached.clear(),
  };
}
