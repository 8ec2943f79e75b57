/**
 * What the ops room asks of the other rooms. A room that knows something live (the sync room's scheduler and
 * webhook reconciler, the novomind room's push queue) registers a provider on `ctx.ops` from its extension
 * factory; whatever the repositories already hold, the ops room reads itself. Every time is epoch ms.
 */

/** The sync room's webhook reconciler (DESIGN §9: registration at start, a re-check every 15 minutes). */
export interface WebhookLiveFacts {
  /** Hooks this store should have (one per scope we subscribe to). */
  expected: number;
  /** Of those, how many exist at BigCommerce pointing at us… */
  registered: number;
  /** …and how many of them are `is_active: true`. */
  active: number;
  /** When the reconciler last listed the store's hooks; null before its first check. */
  checkedAt: number | null;
  /** What the last check or repair ran into, in words; null when it went well. */
  lastError: string | null;
  /**
   * Order changes of the last hour that a delta run found and no webhook had announced. Optional: without it
   * the ops room counts the changes recorded with source `delta` in the last hour.
   */
  missedLastHour?: number;
}

/** What only the running sync room knows about one store. */
export interface SyncLiveFacts {
  /** False when the index is off for this store (`SYNC=off`, `stores.<key>.sync.enabled: false`). */
  enabled: boolean;
  /** A delta run (or the back-fill) is running now. */
  running: boolean;
  nextRunAt: number | null;
  /** The current interval between runs (shorter while webhooks are unhealthy). */
  intervalMs: number | null;
  /** While the first run back-fills the window: orders read so far, and the total when `/v2/orders/count` said. */
  backfill: { read: number; total: number | null } | null;
  /** null when this store does not use webhooks (no PUBLIC_URL). */
  webhooks: WebhookLiveFacts | null;
}

/** How an operator action went: `message` is the sentence the console shows and the audit records. */
export interface OpsActionResult {
  outcome: 'done' | 'started' | 'already_running';
  message: string;
}

/** Who asked, for the action's own logs. */
export interface OpsActionContext {
  correlationId: string;
}

/**
 * Implemented by the sync room and registered with `ctx.ops.provideSync(provider)`. Until it is, the console
 * shows the sync facts the repositories hold and its two actions answer `501 action_unavailable`. An action
 * that cannot run (sync off, unknown hooks API) throws an AppError with a catalog code; anything else thrown
 * becomes a 500 and is audited as failed.
 */
export interface SyncOpsProvider {
  facts(storeKey: string): SyncLiveFacts | Promise<SyncLiveFacts>;
  /** Starts a delta run for the store now (or says one is running). Should not wait for the run to finish. */
  runDeltaNow(storeKey: string, context: OpsActionContext): Promise<OpsActionResult>;
  /** Re-registers missing hooks and re-activates inactive ones, as the 15-minute check does. */
  repairWebhooks(storeKey: string, context: OpsActionContext): Promise<OpsActionResult>;
}

/** The novomind push queue for one store, summed over the store's markets that push (DESIGN §10). */
export interface PushFacts {
  /** False when none of the store's markets has a `novomind.pushUrl`. */
  enabled: boolean;
  queued: number;
  oldestQueuedAt: number | null;
  lastDeliveredAt: number | null;
  /** Failed attempts (5xx, network errors, refusals) in the last hour. */
  errorsLastHour: number;
  lastError: string | null;
  /** True while deliveries keep failing (backing off), false once one gets through. */
  failing: boolean;
}

/** Implemented by the novomind room and registered with `ctx.ops.providePush(provider)`. */
export interface PushOpsProvider {
  facts(storeKey: string): PushFacts | Promise<PushFacts>;
}

/** Registered by the notes room: "retry failed notes" puts them back in the queue and wakes its worker. */
export interface NotesOpsProvider {
  /** How many failed notes of the store were queued again. */
  retryFailed(storeKey: string): Promise<number>;
}

/** How the webhook intake answered a delivery (the sync room reports each with `ctx.ops.recordWebhookDelivery`). */
export const WEBHOOK_DELIVERY_OUTCOMES = ['accepted', 'duplicate', 'unauthorized', 'invalid'] as const;
export type WebhookDeliveryOutcome = (typeof WEBHOOK_DELIVERY_OUTCOMES)[number];
