import type { ThrottleState } from '../bigcommerce/index.js';

/**
 * Background work (back-fill, delta runs) shares the store's API quota with agents and with every other app on
 * the store. Before each call it waits here: while agents' requests queue for the store's slots it yields to
 * them, and it spends at most `share` of a window's quota (it stops when less than 1 − share of the window is
 * left, and waits for the window's reset).
 */
export interface BackgroundGate {
  wait(signal?: AbortSignal): Promise<void>;
}

export interface BackgroundGateOptions {
  state: () => ThrottleState;
  /** 0 < share ≤ 1. */
  share: number;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** How often to look again while agents are queued. Default 100 ms. */
  pollMs?: number;
}

export function createBackgroundGate(options: BackgroundGateOptions): BackgroundGate {
  const pollMs = options.pollMs ?? 100;
  return {
    async wait(signal) {
      for (;;) {
        signal?.throwIfAborted();
        const state = options.state();
        if (state.queued > 0) {
          await options.sleep(pollMs, signal);
          continue;
        }
        const { requestsLeft, quota, resetAt } = state;
        if (requestsLeft !== undefined && quota !== undefined && resetAt !== undefined) {
          const floor = Math.floor(quota * (1 - options.share));
          const untilReset = resetAt - options.now();
          if (requestsLeft <= floor && untilReset > 0) {
            await options.sleep(untilReset, signal);
            continue;
          }
        }
        return;
      }
    },
  };
}

/** For tests and tools that must not wait. */
export const OPEN_GATE: BackgroundGate = { wait: () => Promise.resolve() };
