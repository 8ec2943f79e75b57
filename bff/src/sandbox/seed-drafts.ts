// Who ordered what and when: order drafts for the personas (fixed cases), the many-orders shopper,
// random registered shoppers and guests. Every status id 0..14 is guaranteed to appear.
import { pickStatus, SCENARIO_STATUS, type Draft, type Scenario } from './order-draft.js';
import { PLUS_ADDRESS_INDEX, CUSTOMER_COUNT } from './seed-customers.js';
import type { SeedContext } from './seed-context.js';
import type { Person } from './seed-people.js';
import { weighted } from './seed-random.js';
import { DAY, HOUR, SANDBOX_BASE_DATE_MS } from './seed-time.js';
import type { RawCustomer } from './types.js';

export const MANY_ORDERS_COUNT = 320;
const GUEST_COUNT = 14;

export interface SeedDrafts {
  /** Sorted by sequence (id order). */
  drafts: Draft[];
  guests: Person[];
  guestOfRegistered: Draft[];
  noOrderIndexes: Set<number>;
}

export function createDrafts(
  ctx: Pick<SeedContext, 'prng' | 'profile' | 'people'>,
  customers: RawCustomer[],
  customerPeople: Person[],
): SeedDrafts {
  const { prng, profile } = ctx;
  const { makePerson } = ctx.people;
  const firstCustomerId = customers[0]?.id ?? 1;
  const recent = (minDays: number, maxDays: number): number =>
    SANDBOX_BASE_DATE_MS - prng.int(minDays * 24, maxDays * 24) * HOUR - prng.int(0, 3599) * 1000;

  // Order drafts.
  const drafts: Draft[] = [];
  const addDraft = (
    customerIndex: number | null,
    person: Person,
    createdMs: number,
    scenario: Scenario | null = null,
    channelIndex = 0,
  ): Draft => {
    const ageDays = (SANDBOX_BASE_DATE_MS - createdMs) / DAY;
    const draft: Draft = {
      customerId: customerIndex === null ? 0 : firstCustomerId + customerIndex,
      person,
      channelIndex,
      createdMs,
      sequenceMs: createdMs,
      imported: false,
      scenario,
      statusId: scenario ? SCENARIO_STATUS[scenario] : pickStatus(prng, ageDays),
    };
    drafts.push(draft);
    return draft;
  };

  const p0 = customerPeople[0]!;
  const registeredScenarios: [Scenario, number][] = [
    ['shippedWithTracking', 6],
    ['partiallyShipped', 3],
    ['refunded', 40],
    ['partiallyRefunded', 25],
    ['twoShippingAddresses', 12],
    ['incomplete', 1],
    ['withStaffNotes', 2],
    ['withCustomerMessage', 4],
    ['noTransactions', 70],
    ['digital', 95],
    ['legacyRefundFields', 160],
  ];
  for (const [scenario, days] of registeredScenarios) addDraft(0, p0, recent(days, days + 1), scenario);
  // A gift sent through the other storefront (GBP in the EU store) to someone in that channel's country.
  addDraft(0, { ...p0, place: profile.channels[1]!.places[0]! }, recent(55, 56), 'otherChannel', 1);
  addDraft(0, p0, recent(200, 400));

  const p1 = customerPeople[1]!;
  for (let k = 0; k < 3; k++) addDraft(1, p1, recent(10 + k * 90, 80 + k * 90));
  // Before registering, this shopper checked out as a guest with the same email.
  const guestOfRegistered = [addDraft(null, p1, recent(600, 700)), addDraft(null, p1, recent(500, 590))];

  const p2 = customerPeople[2]!;
  for (let k = 0; k < MANY_ORDERS_COUNT; k++) {
    const draft = addDraft(2, p2, recent(2, 729), null, k % 9 === 8 ? 1 : 0);
    if (draft.channelIndex === 1) draft.person = { ...p2, place: profile.channels[1]!.places[0]! };
    if (k % 80 === 5) {
      // Imported from an old system: placed long ago but numbered recently, so id order != date order.
      draft.imported = true;
      draft.sequenceMs = recent(2, 30);
      draft.createdMs = SANDBOX_BASE_DATE_MS - prng.int(760, 900) * DAY;
    }
  }

  const noOrderIndexes = new Set([3]);
  for (let i = 4; i < CUSTOMER_COUNT; i++) {
    const drawn = weighted(prng, [
      [0, 2],
      [1, 3],
      [2, 3],
      [3, 2],
      [5, 1],
    ]);
    const count = i === PLUS_ADDRESS_INDEX ? Math.max(2, drawn) : drawn;
    if (count === 0) noOrderIndexes.add(i);
    const person = customerPeople[i]!;
    const channelIndex = customers[i]!.origin_channel_id - 1;
    for (let k = 0; k < count; k++) addDraft(i, person, recent(1, 729), null, channelIndex);
  }

  const guests: Person[] = [];
  for (let g = 0; g < GUEST_COUNT; g++) {
    const channelIndex = g % 4 === 3 ? 1 : 0;
    const person = makePerson(channelIndex, false);
    guests.push(person);
    const count = g === 0 ? 3 : prng.int(1, 2);
    for (let k = 0; k < count; k++) {
      const scenario = g === 0 && k === 0 ? 'guestOrder' : null;
      addDraft(
        null,
        person,
        g === 0 ? recent(5 + k * 60, 30 + k * 60) : recent(1, 729),
        scenario,
        channelIndex,
      );
    }
  }

  // Every status id 0..14 must appear at least once; repaint random non-scenario orders where needed.
  const present = new Set(drafts.map((d) => d.statusId));
  const repaintable = drafts.filter((d) => d.scenario === null && d.customerId !== firstCustomerId + 2);
  for (let status = 0; status <= 14; status++) {
    if (present.has(status)) continue;
    const target = repaintable.splice(prng.int(0, repaintable.length - 1), 1)[0];
    if (target) target.statusId = status;
    present.add(status);
  }

  drafts.sort((a, b) => a.sequenceMs - b.sequenceMs);
  return { drafts, guests, guestOfRegistered, noOrderIndexes };
}
