// An order before it is built: who placed it, when, on which channel, with which status, and which
// persona case (scenario) it stands for.
import type { Prng } from './prng.js';
import type { Person } from './seed-people.js';
import { weighted } from './seed-random.js';

export type Scenario =
  | 'shippedWithTracking'
  | 'partiallyShipped'
  | 'refunded'
  | 'partiallyRefunded'
  | 'twoShippingAddresses'
  | 'incomplete'
  | 'withStaffNotes'
  | 'withCustomerMessage'
  | 'otherChannel'
  | 'guestOrder'
  | 'noTransactions'
  | 'digital'
  | 'legacyRefundFields';

export const SCENARIO_STATUS: Record<Scenario, number> = {
  shippedWithTracking: 2,
  partiallyShipped: 3,
  refunded: 4,
  partiallyRefunded: 14,
  twoShippingAddresses: 2,
  incomplete: 0,
  withStaffNotes: 11,
  withCustomerMessage: 9,
  otherChannel: 10,
  guestOrder: 2,
  noTransactions: 10,
  digital: 10,
  legacyRefundFields: 14,
};

export interface Draft {
  customerId: number;
  person: Person;
  channelIndex: number;
  createdMs: number;
  /** Orders get ids in this order; imported orders are numbered when imported, not when placed. */
  sequenceMs: number;
  imported: boolean;
  scenario: Scenario | null;
  statusId: number;
}

/** Old orders are mostly finished; recent ones are spread over the open statuses. */
export function pickStatus(prng: Prng, ageDays: number): number {
  if (ageDays > 45) {
    return weighted(prng, [
      [10, 30],
      [2, 36],
      [4, 6],
      [5, 6],
      [14, 6],
      [13, 1],
      [6, 2],
      [0, 3],
    ]);
  }
  return weighted(prng, [
    [11, 18],
    [9, 10],
    [7, 8],
    [1, 6],
    [3, 8],
    [8, 4],
    [12, 4],
    [2, 20],
    [10, 10],
    [5, 3],
    [6, 3],
    [0, 4],
    [14, 2],
  ]);
}
