// The callback body BigCommerce POSTs to a hook's destination (webhooks.v3.yml `webhook_callback_base`;
// reference sync-novomind-ops.md A1): `{scope, store_id, data, hash, created_at, producer}`. `store_id` is a
// string, `created_at` unix seconds, `producer` is `stores/{store_hash}`, and `hash` is "the payload data
// encoded in JSON format and then passed through SH1": the SHA-1 of JSON.stringify(data). So a duplicate
// delivery of one event carries the same hash, and two updates of one order can share a hash too
// (reference A5: never dedupe on `hash` forever).
import { createHash } from 'node:crypto';

/** Scope-specific data, e.g. `{type: 'order', id: 250}` or `{type: 'shipment', id: 12, orderId: 251}`. */
export type WebhookData = Readonly<Record<string, unknown>>;

export interface WebhookEvent {
  scope: string;
  data: WebhookData;
}

export interface WebhookCallback {
  scope: string;
  store_id: string;
  data: WebhookData;
  hash: string;
  created_at: number;
  producer: string;
}

export function hashWebhookData(data: WebhookData): string {
  return createHash('sha1').update(JSON.stringify(data)).digest('hex');
}

export function buildCallback(
  event: WebhookEvent,
  store: { hash: string; storeId: string },
  nowMs: number,
): WebhookCallback {
  return {
    scope: event.scope,
    store_id: store.storeId,
    data: event.data,
    hash: hashWebhookData(event.data),
    created_at: Math.floor(nowMs / 1000),
    producer: `stores/${store.hash}`,
  };
}
