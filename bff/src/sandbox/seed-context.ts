// What every seed builder shares for one store: its spec, region profile, PRNG, status table and id counters.
import type { Prng } from './prng.js';
import type { SandboxStoreSpec } from './sandbox-store-spec.js';
import type { RegionProfile } from './seed-catalog.js';
import type { People } from './seed-people.js';
import type { RawOrderStatus } from './types.js';

export interface SeedCounters {
  product: number;
  address: number;
  shipment: number;
  coupon: number;
  transaction: number;
  refund: number;
  returnId: number;
}

export interface SeedContext {
  spec: SandboxStoreSpec;
  profile: RegionProfile;
  prng: Prng;
  statuses: RawOrderStatus[];
  counters: SeedCounters;
  people: People;
}
