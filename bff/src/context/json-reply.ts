import type { Freshness } from '../../../shared/index.js';

/**
 * A DTO whose bulk was serialized once, when it was cached, plus the few fields that change per request.
 * The warm path of a ticket view then costs one small JSON.stringify instead of the whole page's.
 */
export interface JsonReply<T> {
  /** The DTO as an object, for callers that are not HTTP. */
  value(): T;
  /** The same DTO as JSON text, ready to send. */
  json(): string;
}

/** `{"a":1,...rest}` from `{"a":1}` and the JSON of an object `rest` (non-empty, as every cached body is). */
export function createJsonReply<T>(
  cached: { body: object; bodyJson: string },
  extra: Record<string, unknown>,
): JsonReply<T> {
  return {
    value: () => ({ ...cached.body, ...extra }) as T,
    json: () => {
      const head = JSON.stringify(extra);
      return head === '{}' ? cached.bodyJson : `${head.slice(0, -1)},${cached.bodyJson.slice(1)}`;
    },
  };
}

export function toFreshness(asOf: number, now: number, stale: boolean): Freshness {
  return {
    asOf: new Date(asOf).toISOString(),
    ageSeconds: Math.max(0, Math.floor((now - asOf) / 1000)),
    stale,
  };
}
