// Per-store fixed windows like BigCommerce's: a quota per window, refreshed windowMs after the window opened.

export interface RateLimitState {
  allowed: boolean;
  quota: number;
  left: number;
  resetMs: number;
  windowMs: number;
}

export interface RateLimiter {
  /** Counts one request against the store's window. */
  take(store: string): RateLimitState;
  /** Current state without counting. */
  peek(store: string): RateLimitState;
  reset(): void;
}

export function createRateLimiter(options: {
  windowMs: number;
  now: () => number;
  quotaFor: (store: string) => number;
}): RateLimiter {
  const windows = new Map<string, { start: number; used: number }>();
  const current = (store: string): { start: number; used: number } => {
    const at = options.now();
    let window = windows.get(store);
    if (!window || at >= window.start + options.windowMs || at < window.start) {
      window = { start: at, used: 0 };
      windows.set(store, window);
    }
    return window;
  };
  const describe = (
    store: string,
    window: { start: number; used: number },
    allowed: boolean,
  ): RateLimitState => {
    const quota = options.quotaFor(store);
    return {
      allowed,
      quota,
      left: Math.max(0, quota - window.used),
      resetMs: Math.max(0, window.start + options.windowMs - options.now()),
      windowMs: options.windowMs,
    };
  };
  return {
    take(store) {
      const window = current(store);
      if (window.used >= options.quotaFor(store)) return describe(store, window, false);
      window.used += 1;
      return describe(store, window, true);
    },
    peek: (store) => describe(store, current(store), true),
    reset: () => windows.clear(),
  };
}
