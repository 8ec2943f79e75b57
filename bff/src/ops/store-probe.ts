import type { UpstreamEvidence } from './upstream-evidence.js';

/**
 * A store nobody has called for a while has no evidence either way, and one that failed needs a call to show
 * it is back. The probe (`GET /v2/time`, one request of the shared quota, retried like any GET) fills the gap:
 * at most once a minute per idle store, every 15 seconds while it is failing, one at a time. Its attempts reach
 * the evidence through the client's onRequest hook like any other call. The status never waits long for it.
 */
export const PROBE_POLICY = Object.freeze({
  /** Evidence older than this is stale: probe. */
  idleAfterMs: 60_000,
  /** While the evidence says failing, probe this often to see recovery. */
  failingEveryMs: 15_000,
  /** How long a status request waits for a probe before answering with what it has. */
  waitMs: 2_000,
});

export interface StoreProbe {
  /** Starts a probe when one is due and waits for it up to `waitMs`; never throws. */
  probeIfDue(storeKey: string, evidence: Readonly<UpstreamEvidence> | undefined): Promise<void>;
  /** When the probe that is still out started; null when none is. */
  pendingSince(storeKey: string): number | null;
}

export interface StoreProbeOptions {
  ping(storeKey: string): Promise<unknown>;
  now: () => number;
  policy?: Partial<typeof PROBE_POLICY>;
  /** Waits up to `ms` (real timers by default; tests pass their own). */
  wait?: (ms: number) => Promise<void>;
}

const realWait = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });

export function isProbeDue(
  evidence: Readonly<UpstreamEvidence> | undefined,
  lastProbeAt: number | null,
  now: number,
  policy: typeof PROBE_POLICY = PROBE_POLICY,
): boolean {
  const seen = evidence?.lastSeenAt ?? null;
  if (seen === null || now - seen >= policy.idleAfterMs) return true;
  const failing = (evidence?.consecutiveFailures ?? 0) > 0 || (evidence?.refusedAt ?? null) !== null;
  return failing && (lastProbeAt === null || now - lastProbeAt >= policy.failingEveryMs);
}

export function createStoreProbe(options: StoreProbeOptions): StoreProbe {
  const policy = { ...PROBE_POLICY, ...options.policy };
  const wait = options.wait ?? realWait;
  const state = new Map<string, { inFlight: Promise<void> | null; startedAt: number | null }>();

  return {
    async probeIfDue(storeKey, evidence) {
      let entry = state.get(storeKey);
      if (!entry) {
        entry = { inFlight: null, startedAt: null };
        state.set(storeKey, entry);
      }
      const current = entry;
      if (current.inFlight === null && isProbeDue(evidence, current.startedAt, options.now(), policy)) {
        current.startedAt = options.now();
        current.inFlight = options
          .ping(storeKey)
          .then(
            () => undefined,
            // The failure is already in the evidence (onRequest); nothing else to do with it here.
            () => undefined,
          )
          .finally(() => {
            current.inFlight = null;
          });
      }
      if (current.inFlight) await Promise.race([current.inFlight, wait(policy.waitMs)]);
    },
    pendingSince(storeKey) {
      const entry = state.get(storeKey);
      return entry?.inFlight ? entry.startedAt : null;
    },
  };
}
