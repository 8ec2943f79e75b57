import * as z from 'zod/mini';

/**
 * The operations console's contract (DESIGN §12): `GET /api/v1/admin/status`, the error log and the operator
 * actions. The console page parses every answer with these schemas. Times are ISO 8601; a `null` means "not
 * known": nothing happened yet, or the room that knows it is not running in this deployment (`rooms` says which).
 */

const Iso = z.iso.datetime({ offset: true });
const Count = z.number().check(z.int(), z.nonnegative());
const Seconds = z.number().check(z.nonnegative());

/** healthy: nothing to do. degraded: it works, something needs attention. failing: agents are affected now. */
export const StoreState = z.enum(['healthy', 'degraded', 'failing']);
export type StoreState = z.infer<typeof StoreState>;

/** One reason a store is not healthy, in words; `code` is stable for tooling, `text` is for people. */
export const StatusReason = z.object({
  level: z.enum(['degraded', 'failing']),
  code: z.string(),
  text: z.string(),
});
export type StatusReason = z.infer<typeof StatusReason>;

/** The store's BigCommerce API as we see it: reachability from our own calls and probes, and the shared quota. */
export const BigCommerceStatus = z.object({
  /** null until a call or probe has been answered since the start. */
  reachable: z.nullable(z.boolean()),
  lastOkAt: z.nullable(Iso),
  lastFailureAt: z.nullable(Iso),
  /** The last failure in words ("HTTP 503", "timeout", "network error"). */
  lastFailure: z.nullable(z.string()),
  consecutiveFailures: Count,
  /** X-Rate-Limit-Requests-Left of the latest answer; null before the first. */
  requestsLeft: z.nullable(Count),
  /** X-Rate-Limit-Requests-Quota: requests per window. */
  quota: z.nullable(Count),
  resetAt: z.nullable(Iso),
  callsLastHour: Count,
  /** Answers with HTTP 429. */
  throttledLastHour: Count,
  /** 5xx answers, timeouts and network errors. */
  failedLastHour: Count,
});
export type BigCommerceStatus = z.infer<typeof BigCommerceStatus>;

export const SyncStreamStatus = z.object({
  stream: z.string(),
  lastSuccessAt: z.nullable(Iso),
  lastRunAt: z.nullable(Iso),
  lastError: z.nullable(z.string()),
  checkpoint: z.nullable(Iso),
  backfillDone: z.boolean(),
});
export type SyncStreamStatus = z.infer<typeof SyncStreamStatus>;

/** The index and its delta runs (DESIGN §9). The first four fields come from the sync room while it runs. */
export const SyncStatus = z.object({
  enabled: z.nullable(z.boolean()),
  running: z.nullable(z.boolean()),
  nextRunAt: z.nullable(Iso),
  intervalSeconds: z.nullable(Seconds),
  /** Of the orders stream. */
  lastSuccessAt: z.nullable(Iso),
  lastRunAt: z.nullable(Iso),
  lastError: z.nullable(z.string()),
  /** How far behind the index can be: now minus the orders stream's checkpoint. */
  lagSeconds: z.nullable(Seconds),
  ordersIndexed: Count,
  customersIndexed: Count,
  backfill: z.object({
    done: z.boolean(),
    /** 0–100 while the first run reads the window, when the sync room can tell. */
    percent: z.nullable(z.number().check(z.gte(0), z.lte(100))),
  }),
  streams: z.array(SyncStreamStatus),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const WebhookStatus = z.object({
  /** Hooks the store should have, registered by us, of which active (from the sync room's reconciler). */
  expected: z.nullable(Count),
  registered: z.nullable(Count),
  active: z.nullable(Count),
  checkedAt: z.nullable(Iso),
  /** What the last registration check ran into. */
  lastError: z.nullable(z.string()),
  lastDeliveryAt: z.nullable(Iso),
  /** Deliveries stored in the last hour (each body once). */
  deliveriesLastHour: Count,
  /** The same body again, answered and not processed twice. */
  duplicatesLastHour: Count,
  /** Order changes of the last hour that reached us only through a delta run: deliveries late or lost. */
  missedLastHour: Count,
  pending: Count,
  oldestPendingAgeSeconds: z.nullable(Seconds),
  failed: Count,
});
export type WebhookStatus = z.infer<typeof WebhookStatus>;

export const CacheStatus = z.object({
  lookupsLastHour: Count,
  /** Lookups answered from memory, 0–1; null without lookups. */
  hitRatio: z.nullable(z.number().check(z.gte(0), z.lte(1))),
});
export type CacheStatus = z.infer<typeof CacheStatus>;

export const NotesStatus = z.object({
  queued: Count,
  failed: Count,
  oldestQueuedAgeSeconds: z.nullable(Seconds),
});
export type NotesStatus = z.infer<typeof NotesStatus>;

/** novomind push (DESIGN §10), summed over the store's markets; all null while the novomind room does not report. */
export const PushStatus = z.object({
  enabled: z.nullable(z.boolean()),
  failing: z.nullable(z.boolean()),
  queued: z.nullable(Count),
  oldestQueuedAgeSeconds: z.nullable(Seconds),
  lastDeliveredAt: z.nullable(Iso),
  errorsLastHour: z.nullable(Count),
  lastError: z.nullable(z.string()),
});
export type PushStatus = z.infer<typeof PushStatus>;

/** One minute of the last hour; `at` is the minute's start. Gauges are null for a minute nobody sampled. */
export const SeriesPoint = z.object({
  at: Iso,
  calls: Count,
  throttled: Count,
  lagSeconds: z.nullable(Seconds),
  notesQueued: z.nullable(Count),
  pushQueued: z.nullable(Count),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

export const StoreStatus = z.object({
  key: z.string(),
  label: z.string(),
  state: StoreState,
  /** Failing reasons first; empty when healthy. */
  reasons: z.array(StatusReason),
  bigcommerce: BigCommerceStatus,
  sync: SyncStatus,
  webhooks: WebhookStatus,
  cache: CacheStatus,
  notes: NotesStatus,
  push: PushStatus,
  /** The last hour at one-minute resolution, oldest first, the current minute last. */
  series: z.array(SeriesPoint),
});
export type StoreStatus = z.infer<typeof StoreStatus>;

export const AdminStatusResponse = z.object({
  generatedAt: Iso,
  sandbox: z.boolean(),
  /** Which rooms report live facts in this deployment (their fields are null otherwise). */
  rooms: z.object({ sync: z.boolean(), push: z.boolean() }),
  stores: z.array(StoreStatus),
});
export type AdminStatusResponse = z.infer<typeof AdminStatusResponse>;

/** `POST /api/v1/admin/stores/:store/actions/:action`. */
export const ADMIN_ACTIONS = ['run-delta', 'repair-webhooks', 'retry-notes'] as const;
export const AdminAction = z.enum(ADMIN_ACTIONS);
export type AdminAction = z.infer<typeof AdminAction>;

export const AdminActionResponse = z.object({
  action: AdminAction,
  store: z.string(),
  /** done: finished; started: runs in the background; already_running: one was running, nothing new started. */
  outcome: z.enum(['done', 'started', 'already_running']),
  message: z.string(),
  at: Iso,
  correlationId: z.string(),
});
export type AdminActionResponse = z.infer<typeof AdminActionResponse>;

/** An error-log entry (invalid upstream records, failed requests, operator actions). Never tokens or bodies. */
export const ErrorLogEntryDto = z.object({
  id: Count,
  correlationId: z.string(),
  storeKey: z.nullable(z.string()),
  resource: z.string(),
  recordId: z.nullable(z.string()),
  issues: z.unknown(),
  createdAt: Iso,
  loadId: z.nullable(z.string()),
});
export type ErrorLogEntryDto = z.infer<typeof ErrorLogEntryDto>;

export const AdminErrorsResponse = z.object({ entries: z.array(ErrorLogEntryDto) });
export type AdminErrorsResponse = z.infer<typeof AdminErrorsResponse>;
