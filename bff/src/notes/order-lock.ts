/**
 * Serializes writes to one order's staff_notes. BigCommerce offers no version check on `PUT /v2/orders/{id}`,
 * so two of our own read-append-write cycles on the same order must never overlap, or one would erase the other.
 *
 * The interface is deliberately tiny so that a lock shared by several BFF instances can replace the in-process
 * one without touching callers: e.g. a Redis `SET key token NX PX lease` with a fencing token, or a PostgreSQL
 * `pg_advisory_xact_lock(hashtext(key))`. Such a lock must hold a lease longer than one write attempt can last;
 * every attempt is bounded by the BigCommerce client's timeouts and the writer's round limit, so it can be.
 * Keys are `store:orderId`, so different orders (and stores) never wait for each other.
 */
export interface OrderLock {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export function orderLockKey(storeKey: string, orderId: number): string {
  return `${storeKey}:${orderId}`;
}

/** FIFO per key: each caller waits for the previous holder's promise to settle (fulfilled or rejected). */
export function createInProcessOrderLock(): OrderLock & { readonly heldKeys: number } {
  const tails = new Map<string, Promise<unknown>>();
  return {
    get heldKeys() {
      return tails.size;
    },
    run<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      // The tail never rejects (see below), so fn runs exactly once, after the previous holder.
      const result = previous.then(fn);
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
