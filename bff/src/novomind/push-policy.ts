/**
 * What to do after one push request, as an ordered ladder (the first rung that matches wins), and how long
 * to wait. Nothing is ever dropped: at least once means a batch is retried until novomind takes it.
 */
export type PushResult = { status: number; retryAfter: string | null } | { error: string };

export type PushOutcome =
  { kind: 'delivered' } | { kind: 'retry'; delayMs: number; reason: string; label: PushFailureLabel };

export type PushFailureLabel = 'rate_limited' | 'server_error' | 'client_error' | 'network_error';

export const PUSH_BACKOFF = {
  baseMs: 1_000,
  /** Past this, an outage is retried every few minutes, never in a storm. */
  capMs: 5 * 60_000,
  /** novomind's Retry-After is honoured up to this; a longer one is taken as this. */
  maxRetryAfterMs: 60 * 60_000,
} as const;

export function decidePush(
  result: PushResult,
  attempts: number,
  now: number,
  random: () => number,
): PushOutcome {
  if ('error' in result) {
    // Connection refused, reset, timed out: the receiver is down or slow; back off.
    return {
      kind: 'retry',
      delayMs: backoffMs(attempts, random),
      reason: result.error,
      label: 'network_error',
    };
  }
  const { status } = result;
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 429) {
    // The receiver says how long: that wait, exactly (no jitter), capped; without it, our backoff.
    const waitMs = parseRetryAfter(result.retryAfter, now);
    return {
      kind: 'retry',
      delayMs: waitMs === null ? backoffMs(attempts, random) : Math.min(waitMs, PUSH_BACKOFF.maxRetryAfterMs),
      reason: `429 from novomind${result.retryAfter === null ? '' : ` (Retry-After: ${result.retryAfter})`}`,
      label: 'rate_limited',
    };
  }
  if (status >= 500) {
    return {
      kind: 'retry',
      delayMs: backoffMs(attempts, random),
      reason: `${status} from novomind`,
      label: 'server_error',
    };
  }
  // 3xx/4xx: a wrong URL or secret that only an admin can fix. Kept and retried at the backoff's pace, and
  // loud in the error log, rather than thrown away.
  return {
    kind: 'retry',
    delayMs: backoffMs(attempts, random),
    reason: `${status} from novomind`,
    label: 'client_error',
  };
}

/** Exponential with equal jitter: half the step fixed, half random. `attempts` counts failures so far. */
export function backoffMs(attempts: number, random: () => number): number {
  const step = Math.min(PUSH_BACKOFF.capMs, PUSH_BACKOFF.baseMs * 2 ** Math.max(0, Math.min(attempts, 20)));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
