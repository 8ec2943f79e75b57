/**
 * When to try a BigCommerce call again, and how long to wait first. Policy is data; decisions are pure functions,
 * so tests capture the delays instead of sleeping.
 *
 * Rate-limit facts: https://developer.bigcommerce.com/docs/start/best-practices/api-rate-limits
 * Status codes: https://developer.bigcommerce.com/docs/start/about/status-codes
 */

/** Methods that are safe to repeat: reading twice changes nothing. Writes are never in here (see shouldRetry). */
export const IDEMPOTENT_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS'];

/**
 * 5xx answers that will not heal by themselves: 501 Not Implemented, 505 HTTP Version Not Supported,
 * 507 = BigCommerce's "plan limit reached".
 */
export const DO_NOT_RETRY_STATUSES: readonly number[] = [501, 505, 507];

export interface RetryPolicy {
  /** Total attempts including the first. An agent is waiting, so keep this small. */
  maxAttempts: number;
  idempotentMethods: readonly string[];
  doNotRetryStatuses: readonly number[];
  /** Backoff for attempt n (1-based) is baseDelayMs * 2^(n-1), jittered, then clamped to [minDelayMs, maxDelayMs]. */
  baseDelayMs: number;
  minDelayMs: number;
  maxDelayMs: number;
  /** 0.5 means the backoff is drawn from [50 %, 100 %] of its exponential value. */
  jitterRatio: number;
  /** The longest server-requested 429 wait we sit through; longer means fail fast so the caller can serve a cached copy. */
  maxRateLimitWaitMs: number;
}

export const RETRY_DEFAULTS: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 3,
  idempotentMethods: IDEMPOTENT_METHODS,
  doNotRetryStatuses: DO_NOT_RETRY_STATUSES,
  baseDelayMs: 300,
  minDelayMs: 100,
  maxDelayMs: 2_000,
  jitterRatio: 0.5,
  maxRateLimitWaitMs: 10_000,
});

/** What one attempt ended with, reduced to what the retry decision needs. */
export type AttemptOutcome =
  | {
      kind: 'response';
      status: number;
      /** X-Rate-Limit-Time-Reset-Ms, when present and valid */ resetMs?: number;
    }
  | { kind: 'network'; timeout: boolean }
  | { kind: 'aborted' };

export interface RetryInput {
  method: string;
  /** 1-based number of the attempt that just failed. */
  attempt: number;
  outcome: AttemptOutcome;
}

export function shouldRetry(input: RetryInput, policy: RetryPolicy = RETRY_DEFAULTS): boolean {
  const { method, attempt, outcome } = input;
  // The caller gave up (agent closed the ticket, request timed out upstream of us): nobody wants the answer.
  if (outcome.kind === 'aborted') return false;
  // Success is not a failure to retry; guards callers that feed every outcome through here.
  if (outcome.kind === 'response' && outcome.status < 400) return false;
  // An agent is waiting: a few attempts is all the ticket view can afford.
  if (attempt >= policy.maxAttempts) return false;
  // A write may already have landed; repeating it blindly could overwrite a colleague's staff note. The caller decides.
  if (!policy.idempotentMethods.includes(method.toUpperCase())) return false;
  // Dropped connections and timeouts are usually transient, and a GET is safe to repeat.
  if (outcome.kind === 'network') return true;
  // The server asks for a longer wait than we allow: fail fast so the caller can serve a cached copy (ky's maxRetryAfter).
  if (
    outcome.status === 429 &&
    outcome.resetMs !== undefined &&
    outcome.resetMs > policy.maxRateLimitWaitMs
  ) {
    return false;
  }
  // Rate limited: the quota refills (with headers), or the platform is under load (without): both heal with time.
  if (outcome.status === 429) return true;
  // Some 5xx mean "this will never work" (plan limit, not implemented): retrying only burns the store's quota.
  if (policy.doNotRetryStatuses.includes(outcome.status)) return false;
  // Server-side trouble is transient more often than not.
  if (outcome.status >= 500) return true;
  // Every other 4xx is our mistake or a fact (404, 401, 422): the same request will get the same answer.
  return false;
}

/**
 * How long to wait before the next attempt, in ms.
 * - 429 with X-Rate-Limit-Time-Reset-Ms: exactly that (no jitter: the server knows when the window refills), capped.
 * - Anything else (incl. 429 without headers = platform load): exponential backoff with jitter, floor and cap.
 */
export function computeRetryDelay(
  input: RetryInput,
  policy: RetryPolicy = RETRY_DEFAULTS,
  random: () => number = Math.random,
): number {
  const { outcome, attempt } = input;
  if (outcome.kind === 'response' && outcome.status === 429 && outcome.resetMs !== undefined) {
    return Math.min(outcome.resetMs, policy.maxRateLimitWaitMs);
  }
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential * (1 - policy.jitterRatio * clampUnit(random()));
  return Math.round(Math.min(policy.maxDelayMs, Math.max(policy.minDelayMs, jittered)));
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

/** Merges caller overrides into the defaults; writes always get exactly one attempt regardless (see shouldRetry). */
export function createRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...RETRY_DEFAULTS, ...overrides };
}
