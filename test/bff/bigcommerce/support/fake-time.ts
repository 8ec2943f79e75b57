/**
 * A virtual clock. `sleep` registers a timer; once everything runnable has run (setImmediate), the clock jumps to
 * the earliest timer and wakes it. So concurrent sleepers wake in due order, and no test waits on wall-clock time.
 */
export interface FakeTime {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Every requested sleep, in ms, in the order asked for. */
  sleeps: number[];
  /** Milliseconds since the start. */
  elapsed(): number;
  advance(ms: number): void;
}

interface Timer {
  due: number;
  seq: number;
  wake: () => void;
}

export function createFakeTime(start = 1_700_000_000_000): FakeTime {
  let current = start;
  let seq = 0;
  const sleeps: number[] = [];
  const timers: Timer[] = [];
  let flushScheduled = false;

  function scheduleFlush(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      timers.sort((a, b) => a.due - b.due || a.seq - b.seq);
      const next = timers.shift();
      if (!next) return;
      current = Math.max(current, next.due);
      next.wake();
      if (timers.length > 0) scheduleFlush();
    });
  }

  return {
    now: () => current,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason as Error);
          return;
        }
        sleeps.push(ms);
        const timer: Timer = {
          due: current + Math.max(0, ms),
          seq: (seq += 1),
          wake: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = (): void => {
          const index = timers.indexOf(timer);
          if (index >= 0) timers.splice(index, 1);
          reject(signal?.reason as Error);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        timers.push(timer);
        scheduleFlush();
      });
    },
    sleeps,
    elapsed: () => current - start,
    advance(ms) {
      current += ms;
    },
  };
}

/** A logger that keeps every line as JSON text, so tests can search it for secrets. */
export function createCapturingLogger(): {
  lines: string[];
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
} {
  const lines: string[] = [];
  return {
    lines,
    warn(fields, message) {
      lines.push(JSON.stringify({ level: 'warn', ...fields, msg: message }));
    },
    info(fields, message) {
      lines.push(JSON.stringify({ level: 'info', ...fields, msg: message }));
    },
  };
}
