// Status answers as the BFF sends them, checked against the shared schema so the fixtures cannot drift from it.
import { AdminStatusResponse, type StoreStatus } from '../../../shared/admin.js';
import type { AdminClient } from '../../../widget/src/console/admin-client.js';
import type { TokenStore } from '../../../widget/src/console/token-store.js';

export const GENERATED_AT = '2026-11-28T09:00:00.000Z';
const MINUTE = 60_000;

export function storeStatus(key: string, overrides: Partial<StoreStatus> = {}): StoreStatus {
  const start = Date.parse(GENERATED_AT) - 59 * MINUTE;
  return {
    key,
    label: key === 'eu' ? 'Sandbox EU' : 'Sandbox US',
    state: 'healthy',
    reasons: [],
    bigcommerce: {
      reachable: true,
      lastOkAt: GENERATED_AT,
      lastFailureAt: null,
      lastFailure: null,
      consecutiveFailures: 0,
      requestsLeft: 140,
      quota: 150,
      resetAt: GENERATED_AT,
      callsLastHour: 60,
      throttledLastHour: 0,
      failedLastHour: 0,
    },
    sync: {
      enabled: null,
      running: null,
      nextRunAt: null,
      intervalSeconds: null,
      lastSuccessAt: '2026-11-28T08:56:00.000Z',
      lastRunAt: '2026-11-28T08:56:00.000Z',
      lastError: null,
      lagSeconds: 300,
      ordersIndexed: 1200,
      customersIndexed: 80,
      backfill: { done: true, percent: 100 },
      streams: [],
    },
    webhooks: {
      expected: null,
      registered: null,
      active: null,
      checkedAt: null,
      lastError: null,
      lastDeliveryAt: '2026-11-28T08:59:30.000Z',
      deliveriesLastHour: 12,
      duplicatesLastHour: 1,
      missedLastHour: 0,
      pending: 0,
      oldestPendingAgeSeconds: null,
      failed: 0,
    },
    cache: { lookupsLastHour: 40, hitRatio: 0.75 },
    notes: { queued: 0, failed: 0, oldestQueuedAgeSeconds: null },
    push: {
      enabled: null,
      failing: null,
      queued: null,
      oldestQueuedAgeSeconds: null,
      lastDeliveredAt: null,
      errorsLastHour: null,
      lastError: null,
    },
    series: Array.from({ length: 60 }, (_, index) => ({
      at: new Date(start + index * MINUTE).toISOString(),
      calls: index % 7,
      throttled: index === 58 ? 2 : 0,
      lagSeconds: index < 30 ? null : 240 + index,
      notesQueued: index < 30 ? null : index % 3,
      pushQueued: null,
    })),
    ...overrides,
  };
}

export function statusOf(...stores: StoreStatus[]): AdminStatusResponse {
  return AdminStatusResponse.parse({
    generatedAt: GENERATED_AT,
    sandbox: true,
    rooms: { sync: false, push: false },
    stores,
  });
}

export const failingEu = storeStatus('eu', {
  state: 'failing',
  reasons: [
    {
      level: 'failing',
      code: 'bigcommerce_unreachable',
      text: 'BigCommerce did not answer the last 3 calls (HTTP 503).',
    },
    { level: 'degraded', code: 'notes_failed', text: '2 notes could not be written to BigCommerce.' },
  ],
  notes: { queued: 1, failed: 2, oldestQueuedAgeSeconds: 90 },
});

export function memoryTokens(initial: string | null = null): TokenStore & { value: string | null } {
  const store = {
    value: initial,
    read: () => store.value,
    save: (token: string) => void (store.value = token),
    forget: () => void (store.value = null),
  };
  return store;
}

/** A scripted console client: each call takes the next answer (or error) of its queue, the last one repeating. */
export function fakeClient(script: {
  status?: (() => unknown)[];
  errors?: (() => unknown)[];
  action?: (() => unknown)[];
}) {
  const calls: string[] = [];
  const next = (queue: (() => unknown)[] | undefined) => {
    const step = queue && queue.length > 1 ? queue.shift() : queue?.[0];
    return Promise.resolve().then(() => (step ? step() : undefined));
  };
  const client: AdminClient = {
    status: (token) => {
      calls.push(`status ${token}`);
      return next(script.status) as ReturnType<AdminClient['status']>;
    },
    errors: (token, query) => {
      calls.push(`errors ${token} ${query.correlationId ?? '-'} ${query.store ?? '-'}`);
      return next(script.errors ?? [() => ({ entries: [] })]) as ReturnType<AdminClient['errors']>;
    },
    runAction: (token, store, action) => {
      calls.push(`action ${token} ${store} ${action}`);
      return next(script.action) as ReturnType<AdminClient['runAction']>;
    },
  };
  return { client, calls };
}
