/**
 * What our own calls say about one store's BigCommerce: every attempt the client makes (agents' views, notes,
 * delta runs, the console's probes) is evidence. An answer of any kind but 401/403, 429 and 5xx means
 * BigCommerce is there; 5xx, timeouts and network errors in a row mean it is not; 401/403 mean it refuses us.
 */

/** One HTTP attempt as the BigCommerce client reports it (its onRequest hook). */
export interface UpstreamCall {
  storeKey: string;
  /** HTTP status, or null when no answer came. */
  status: number | null;
  outcome: 'ok' | 'http_error' | 'network_error' | 'timeout' | 'aborted';
}

export type CallVerdict = 'answered' | 'throttled' | 'refused' | 'failed' | 'ignored';

export interface UpstreamEvidence {
  /** The last attempt of any kind that counted. */
  lastSeenAt: number | null;
  lastOkAt: number | null;
  lastFailureAt: number | null;
  lastFailure: string | null;
  /** 5xx, timeouts and network errors since the last answer. */
  consecutiveFailures: number;
  /** The last 401/403, while no answer came after it. */
  refusedAt: number | null;
  refusedStatus: number | null;
}

/** The ladder, top rung first: why each call counts the way it does. */
export function judgeCall(call: Pick<UpstreamCall, 'status' | 'outcome'>): CallVerdict {
  // We cancelled it ourselves (the agent left, a deadline): says nothing about BigCommerce.
  if (call.outcome === 'aborted') return 'ignored';
  // No answer at all.
  if (call.status === null) return 'failed';
  // BigCommerce is there but out of breath, or the platform is under load: not an outage of this store.
  if (call.status === 429) return 'throttled';
  // Our credentials are refused: nothing works until someone fixes the token or its scopes.
  if (call.status === 401 || call.status === 403) return 'refused';
  if (call.status >= 500) return 'failed';
  // 2xx, and 4xx about the request itself (a 404 for an unknown order is a fine answer).
  return 'answered';
}

export function describeCall(call: Pick<UpstreamCall, 'status' | 'outcome'>): string {
  if (call.status !== null) return `HTTP ${call.status}`;
  return call.outcome === 'timeout' ? 'timeout' : 'network error';
}

export function createEvidence(): UpstreamEvidence {
  return {
    lastSeenAt: null,
    lastOkAt: null,
    lastFailureAt: null,
    lastFailure: null,
    consecutiveFailures: 0,
    refusedAt: null,
    refusedStatus: null,
  };
}

/** Folds one attempt into the evidence (in place: the registry holds one object per store). */
export function recordCall(evidence: UpstreamEvidence, call: UpstreamCall, at: number): CallVerdict {
  const verdict = judgeCall(call);
  if (verdict === 'ignored') return verdict;
  evidence.lastSeenAt = at;
  switch (verdict) {
    case 'answered':
      evidence.lastOkAt = at;
      evidence.consecutiveFailures = 0;
      evidence.refusedAt = null;
      evidence.refusedStatus = null;
      break;
    case 'failed':
      evidence.lastFailureAt = at;
      evidence.lastFailure = describeCall(call);
      evidence.consecutiveFailures += 1;
      break;
    case 'refused':
      evidence.lastFailureAt = at;
      evidence.lastFailure = describeCall(call);
      evidence.refusedAt = at;
      evidence.refusedStatus = call.status;
      break;
    case 'throttled':
      break;
  }
  return verdict;
}
