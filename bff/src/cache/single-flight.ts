/**
 * One load per key at a time. Kept in its own Map, outside node-cache, because a Promise must be
 * shared by reference and node-cache is the place for settled values only.
 */
export interface SingleFlight {
  /**
   * Joins the load in flight for `key`, or starts one. `commit` runs once with the result, before
   * any caller sees it, unless the flight was forgotten meanwhile (its result is then outdated).
   */
  run<V>(
    key: string,
    start: () => Promise<V>,
    commit: (value: V) => void,
  ): { promise: Promise<V>; joined: boolean };
  forget(key: string): void;
  forgetPrefix(prefix: string): void;
  clear(): void;
}

export function createSingleFlight(): SingleFlight {
  const flights = new Map<string, Promise<unknown>>();

  function settle(key: string, promise: Promise<unknown>): boolean {
    // A forgotten flight may have been replaced by a newer one under the same key: leave that alone.
    if (flights.get(key) !== promise) return false;
    flights.delete(key);
    return true;
  }

  return {
    run<V>(key: string, start: () => Promise<V>, commit: (value: V) => void) {
      const existing = flights.get(key) as Promise<V> | undefined;
      if (existing) return { promise: existing, joined: true };
      const promise: Promise<V> = start().then(
        (value) => {
          if (settle(key, promise)) commit(value);
          return value;
        },
        (error: unknown) => {
          settle(key, promise);
          throw error;
        },
      );
      flights.set(key, promise);
      return { promise, joined: false };
    },
    forget(key) {
      flights.delete(key);
    },
    forgetPrefix(prefix) {
      for (const key of [...flights.keys()]) if (key.startsWith(prefix)) flights.delete(key);
    },
    clear() {
      flights.clear();
    },
  };
}
