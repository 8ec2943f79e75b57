// Public types of the sandbox (documented in ./README.md; additions for the product are marked "sandbox addition").
import type { SandboxData, SandboxPersonas } from './create-sandbox-data.js';
import type { SandboxStoreSpec } from './sandbox-store-spec.js';

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
}

export interface SandboxRequest {
  store: string;
  method: string;
  /** Path after /stores/{hash} plus query, e.g. '/v2/orders?customer_id=1'. */
  path: string;
  /** 0 while pending or when the request was hung on purpose. */
  status: number;
  at: number;
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
}

export interface Sandbox {
  url: string;
  stores: SandboxStoreHandle[];
  store(hash?: string): SandboxStoreHandle;
  faults: SandboxFaults;
  requests: SandboxRequest[];
  clearRequests(): void;
  setLatency(ms: number): void;
  resetRateLimit(): void;
  close(): Promise<void>;
}
