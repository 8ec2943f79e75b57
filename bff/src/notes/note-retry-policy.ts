import type { ErrorCode } from '../../../shared/errors.js';
import {
  BigCommerceAuthError,
  BigCommerceError,
  BigCommerceNetworkError,
  BigCommerceNotFoundError,
  BigCommerceRateLimitError,
  BigCommerceSchemaError,
} from '../bigcommerce/errors.js';
import { AppError } from '../core/app-error.js';

/**
 * What to do with a note after a failed write attempt: try again later (the outbox keeps it queued) or give up
 * with a catalog code (the note becomes `failed`, visible on replay and in the ticket events).
 * A note is never dropped: "give up" is only for failures that waiting cannot fix.
 */
export type WriteFailure =
  | { kind: 'retry'; code: ErrorCode; retryAfterMs?: number; message: string }
  | { kind: 'fail'; code: ErrorCode; message: string };

export const NOTE_BACKOFF = {
  /** First retry after about this long. */
  baseMs: 2_000,
  /** An outage of hours should not turn into a retry storm when BigCommerce comes back. */
  capMs: 5 * 60_000,
} as const;

/** The retry decision as an ordered ladder; the first rung that matches wins. */
export function classifyWriteFailure(error: unknown): WriteFailure {
  const message = error instanceof Error ? error.message : String(error);
  // The order was deleted (or its id now means nothing): waiting will not bring it back.
  if (error instanceof BigCommerceNotFoundError) return { kind: 'fail', code: 'order_not_found', message };
  // A revoked or under-scoped token needs an admin; retrying would only burn the shared quota.
  if (error instanceof BigCommerceAuthError) return { kind: 'fail', code: 'upstream_auth_failed', message };
  // The server said how long to wait: that wait wins over our backoff.
  if (error instanceof BigCommerceRateLimitError) {
    return {
      kind: 'retry',
      code: 'upstream_rate_limited',
      message,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    };
  }
  if (error instanceof BigCommerceNetworkError) {
    return { kind: 'retry', code: error.timeout ? 'upstream_timeout' : 'upstream_unavailable', message };
  }
  // 5xx (including an applied-then-failed PUT): the writer reads back first on the next attempt.
  if (error instanceof BigCommerceError && error.retryable) {
    return { kind: 'retry', code: 'upstream_unavailable', message };
  }
  // Any other 4xx (400 validation and friends): the same request will be refused again.
  if (error instanceof BigCommerceError) return { kind: 'fail', code: 'upstream_error', message };
  // An order we cannot parse may be fixed upstream; keep the note and keep trying, it shows in the gauge.
  if (error instanceof BigCommerceSchemaError) return { kind: 'retry', code: 'upstream_invalid', message };
  // The order's shared lock was lost before the PUT (nothing was sent) or its service is down: try again later.
  if (error instanceof AppError && error.code === 'writes_unavailable') {
    return { kind: 'retry', code: 'writes_unavailable', message };
  }
  // Unknown (a bug of ours, a dropped DB handle): never drop the note on an error we do not understand.
  return { kind: 'retry', code: 'internal_error', message };
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so retries spread out but never
 * come sooner than half the step. A server-given wait (429 reset) is honoured exactly when it is longer.
 */
export function computeRetryDelayMs(attempts: number, random: () => number, retryAfterMs?: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 20));
  const step = Math.min(NOTE_BACKOFF.capMs, NOTE_BACKOFF.baseMs * 2 ** exponent);
  const jittered = Math.round(step / 2 + random() * (step / 2));
  if (retryAfterMs !== undefined && retryAfterMs > jittered)
    return Math.min(retryAfterMs, NOTE_BACKOFF.capMs);
  return jittered;
}
