// Public types of the sandbox (documented in ./README.md; additions for the product are marked "sandbox addition").
import type { SandboxData, SandboxPersonas } from './create-sandbox-data.js';
import type { RawHook } from './hook-registry.js';
import type { SandboxStoreSpec } from './sandbox-store-spec.js';
import type { StoreFaultControls } from './store-faults.js';
import type { StoreMutations } from './store-mutations.js';
import type { SandboxDelivery, WebhookOptions } from './webhook-dispatcher.js';

export interface SandboxOptions {
  host?: string;
  port?: number;
  stores?: SandboxStoreSpec[];
  /** Requests per window per store (default 150, BigCommerce Standard/Plus); a store's own `quota` wins. */
  quota?: number;
  windowMs?: number;
  /** Clock for rate-limit windows, /v2/time and date_modified on writes (default Date.now). */
  now?: () => number;
  latencyMs?: number;
  faultSeed?: number;
  log?: (line: string) => void;
  /** Sandbox addition: how latency is waited for (default setTimeout); tests inject a recorder. */
  sleep?: (ms: number) => Promise<void>;
  /** Sandbox addition: webhook delivery timing (retry schedule, attempt timeout); tests use milliseconds. */
  webhooks?: WebhookOptions;
}

export interface SandboxRequest {
  store: string;
  method: string;
  /** Path after /stores/{hash} plus query, e.g. '/v2/orders?customer_id=1'. */
  path: string;
  /** 0 while pending or when the request was hung on purpose. */
  status: number;
  at: number;
  /** Sandbox addition: the top-level fields of a JSON object body (PUT/POST), e.g. ['status_id']. */
  fields?: string[];
}

export interface FaultRule {
  method?: string;
  path?: string | RegExp;
  store?: string;
  latencyMs?: number;
  errorRate?: number;
  status?: number;
  hangRate?: number;
  applyAfterWrite?: boolean;
  times?: number;
  rateLimit?: { withHeaders: boolean; resetMs?: number };
  malformed?: boolean;
}

export interface SandboxFaults {
  add(rule: FaultRule): number;
  remove(id: number): void;
  clear(): void;
}

export interface SandboxStoreHandle {
  hash: string;
  token: string;
  label: string;
  data: SandboxData;
  /** Sandbox addition: the well-known fixtures of this store (same as SANDBOX_PERSONAS[hash] for default stores). */
  personas: SandboxPersonas;
  /**
   * Sandbox addition: change the store as merchants and shoppers do; each call stamps date_modified and fires
   * the webhooks BigCommerce fires. (`data.setStaffNotes` / `data.updateOrder` stay silent: no webhooks.)
   */
  mutate: StoreMutations;
  /** Sandbox addition: store-level faults (outage, 429 storm) and webhook delivery faults. */
  faults: StoreFaultControls;
  /** Sandbox addition: the store's webhooks, as BigCommerce would manage them. */
  webhooks: SandboxStoreWebhooks;
}

export interface SandboxStoreWebhooks {
  list(): RawHook[];
  /** As BigCommerce does after ~48 h of failed deliveries: `is_active: false`, no more deliveries. */
  deactivate(hookId: number): RawHook;
  /** Holds deliveries until resume() (same as faults.set({deliveries: {paused: true}})). */
  pause(): void;
  resume(): void;
  /** Deliveries queued, in flight or waiting for a retry. */
  pending(): number;
}

export interface Sandbox {
  url: string;
  stores: SandboxStoreHandle[];
  store(hash?: string): SandboxStoreHandle;
  faults: SandboxFaults;
  requests: SandboxRequest[];
  /** Sandbox addition: every webhook delivery attempt, dropped and skipped ones included, oldest first. */
  deliveries: SandboxDelivery[];
  clearRequests(): void;
  clearDeliveries(): void;
  /**
   * Resolves when no delivery is queued (unless paused) or in flight. Retries waiting for their time count
   * only with `{retries: true}` (it then waits out the schedule: meant for test schedules in milliseconds).
   */
  settleDeliveries(options?: { retries?: boolean }): Promise<void>;
  setLatency(ms: number): void;
  resetRateLimit(): void;
  close(): Promise<void>;
}
