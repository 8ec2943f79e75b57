/**
 * Serializes writes to one order's staff_notes. BigCommerce offers no version check on `PUT /v2/orders/{id}`,
 * so two of our own read-append-write cycles on the same order must never overlap, or one would erase the other.
 *
 * The interface is deliberately tiny so that a lock shared by several BFF instances can replace the in-process
 * one without touching callers (redis/redis-order-lock.ts: `SET key token NX PX lease` with a fencing token).
 * Such a lock can expire under a holder that stalls (a long GC pause, a lost network), so the holder gets a
 * lease and asks it, right before each PUT, whether it still holds the lock (`assertCurrent`); a lease that was
 * taken over refuses, and the write is retried later under a fresh lock instead of racing the new holder.
 * Keys are `store:orderId`, so different orders (and stores) never wait for each other.
 */
export interface OrderLock {
  run<T>(key: string, fn: (lease: OrderLease) => Promise<T>): Promise<T>;
  /**
   * Rejects when the lock cannot be taken right now (its shared service is down), so a write is refused before
   * it is accepted rather than accepted and stuck. Absent: the lock is always available (in-process).
   */
  ensureAvailable?(): Promise<void>;
}

/** What the holder of an order's lock may ask while it holds it. */
export interface OrderLease {
  /** Increases with every grant of this key's lock: a later holder always has a larger token. */
  readonly token: number;
  /** Resolves while this lease is still the lock's current holder; rejects (an AppError) once it is not. */
  assertCurrent(): Promise<void>;
}

export function orderLockKey(storeKey: string, orderId: number): string {
  return `${storeKey}:${orderId}`;
}

/** FIFO per key: each caller waits for the previous holder's promise to settle (fulfilled or rejected). */
export function createInProcessOrderLock(): OrderLock & { readonly heldKeys: number } {
  const tails = new Map<string, Promise<unknown>>();
  let grants = 0;
  return {
    get heldKeys() {
      return tails.size;
    },
    run<T>(key: string, fn: (lease: OrderLease) => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      // The tail never rejects (see below), so fn runs exactly once, after the previous holder.
      // In one process a lease cannot be taken over while its holder runs: it is always current.
      const result = previous.then(() =>
        fn({ token: (grants += 1), assertCurrent: () => Promise.resolve() }),
      );
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      // Forget the key once nobody queued behind us, so the map does not grow with every order ever touched.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
