import type { Region } from './seed-catalog.js';

export interface SandboxStoreSpec {
  hash: string;
  token: string;
  seed: number;
  label: string;
  /** Sandbox addition: 'eu' (EUR + GBP channels) or 'us' (USD); default odd seed -> 'eu', even -> 'us'. */
  region?: Region;
  /** Sandbox addition: requests per window for this store; overrides SandboxOptions.quota. */
  quota?: number;
  /**
   * Sandbox addition: this many extra orders spread over the 90 days before the base date, stored compactly
   * and materialised on read (for the benchmark's back-fill of 100,000 orders). See bulk-orders.ts.
   */
  bulkOrders?: number;
}

export const DEFAULT_SANDBOX_STORES: SandboxStoreSpec[] = [
  { hash: 'sbx1eu', token: 'sandbox-token-eu', seed: 1, label: 'Sandbox EU' },
  { hash: 'sbx2us', token: 'sandbox-token-us', seed: 2, label: 'Sandbox US' },
];

export function resolveRegion(spec: SandboxStoreSpec): Region {
  return spec.region ?? (Math.abs(spec.seed) % 2 === 1 ? 'eu' : 'us');
}
