// Test helpers for the cache room: a clock that only moves when told, a loader that counts its
// calls, and a promise the test settles by hand (Node 20 has no Promise.withResolvers).
import type { CacheOutcome, CachePolicy } from '../../../bff/src/cache/index.js';

export const POLICY: CachePolicy = { kind: 'order', ttlMs: 30_000, staleTtlMs: 600_000 };

export function createFakeClock(start = 1_700_000_000_000): {
  now: () => number;
  advance: (ms: number) => void;
} {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

export function createCountingLoader<T>(produce: (call: number) => T | Promise<T>): {
  load: () => Promise<T>;
  calls: () => number;
} {
  let calls = 0;
  return {
    load: async () => produce(++calls),
    calls: () => calls,
  };
}

export function createDeferred<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function createEventLog(): {
  onEvent: (kind: string, outcome: CacheOutcome) => void;
  events: string[];
} {
  const events: string[] = [];
  return { onEvent: (kind, outcome) => events.push(`${kind} ${outcome}`), events };
}
