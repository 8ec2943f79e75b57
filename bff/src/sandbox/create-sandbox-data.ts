// Builds one sandbox store's data set from its seed: deterministic (own PRNG, fixed base date), realistic
// enough to exercise every branch a customer-service view has (guests, paging past 250, every status,
// partial shipments, refunds with both line-item field names, two currencies, two channels).
import { formatIso, formatMoneyV2, formatMoneyV3, formatRfc2822 } from './format.js';
import { createPrng, type Prng } from './prng.js';
import {
  CARRIERS,
  REGION_PROFILES,
  type CatalogProduct,
  type Place,
  type RegionProfile,
} from './seed-catalog.js';
import { resolveRegion, type SandboxStoreSpec } from './sandbox-store-spec.js';
import { createOrderStatuses } from './order-statuses.js';
import type {
  RawAddress,
  RawChannel,
  RawCoupon,
  RawCustomer,
  RawOrder,
  RawOrderProduct,
  RawOrderStatus,
  RawRefund,
  RawRefundItem,
  RawShipment,
  RawShippingAddress,
  RawStoreInfo,
  RawTransaction,
} from './types.js';

/** Every date in the seed is relative to this instant, so data never drifts with the wall clock. */
export const SANDBOX_BASE_DATE_MS = Date.UTC(2026, 10, 1, 12, 0, 0);
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MANY_ORDERS_COUNT = 320;
const CUSTOMER_COUNT = 48;
const GUEST_COUNT = 14;
const PLUS_ADDRESS_INDEX = 7;

export interface SandboxPersonaPerson {
  customerId: number;
  email: string;
  firstName: string;
  lastName: string;
}

export interface SandboxPersonas {
  storeHash: string;
  currency: string;
  /** A registered shopper with one order for each interesting case (see `orders`). */
  registered: SandboxPersonaPerson & { orderCount: number };
  /** Registered, and ALSO placed guest orders (customer_id 0) with the same email. */
  registeredWithGuestOrders: SandboxPersonaPerson & { orderCount: number; guestOrderCount: number };
  /** No customer record; orders have customer_id 0 and are found only by email. */
  guest: { email: string; firstName: string; lastName: string; orderCount: number };
  /** More than 250 orders: listing them needs at least two pages at limit=250. */
  manyOrders: SandboxPersonaPerson & { orderCount: number };
  noOrders: SandboxPersonaPerson;
  /** Email with `+` (plus-addressing): found only when the client URL-encodes it. */
  plusAddressed: SandboxPersonaPerson & { orderCount: number };
  unknownEmail: string;
  unknownCustomerId: number;
  unknownOrderId: number;
  orders: {
    shippedWithTracking: number;
    partiallyShipped: number;
    refunded: number;
    partiallyRefunded: number;
    twoShippingAddresses: number;
    incomplete: number;
    guestOrder: number;
    withStaffNotes: number;
    withCustomerMessage: number;
    otherChannel: number;
    /** Paid with a gateway that records no transactions: GET .../transactions answers 204. */
    noTransactions: number;
    /** Digital only: no shipping addresses and no shipments (both 204). */
    digital: number;
    /** Line items carry the old `refunded_amount` name instead of `refund_amount`/`quantity_refunded`. */
    legacyRefundFields: number;
  };
}

export interface SandboxData {
  store: RawStoreInfo;
  channels: RawChannel[];
  statuses: RawOrderStatus[];
  customers: RawCustomer[];
  /** Ascending by id, as BigCommerce lists by default. */
  orders: RawOrder[];
  products: Map<number, RawOrderProduct[]>;
  shippingAddresses: Map<number, RawShippingAddress[]>;
  shipments: Map<number, RawShipment[]>;
  coupons: Map<number, RawCoupon[]>;
  transactions: Map<number, RawTransaction[]>;
  refunds: Map<number, RawRefund[]>;
  personas: SandboxPersonas;
  getOrder(id: number): RawOrder | undefined;
  /** Orders of a registered customer, ascending by id (index built at seed time). */
  getOrdersByCustomer(customerId: number): RawOrder[];
  /** Orders whose billing email matches, case-insensitively (guest and registered), ascending by id. */
  getOrdersByEmail(email: string): RawOrder[];
  /** Simulates a colleague editing the notes in the control panel: replaces the string, bumps date_modified. */
  setStaffNotes(orderId: number, text: string): void;
  /** Applies a PUT /v2/orders/{id} that was already validated; returns the updated order. */
  updateOrder(orderId: number, changes: { staff_notes?: string; status_id?: number }): RawOrder | undefined;
}

export interface SandboxDataOptions {
  /** Clock used to stamp date_modified on writes (default Date.now). */
  now?: () => number;
}

type Scenario =
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

const SCENARIO_STATUS: Record<Scenario, number> = {
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

interface Person {
  firstName: string;
  lastName: string;
  email: string;
  company: string;
  phone: string;
  place: Place;
  street: string;
}

interface Draft {
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

function foldToAscii(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

function weighted<T>(prng: Prng, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let roll = prng.next() * total;
  for (const [value, w] of entries) {
    roll -= w;
    if (roll < 0) return value;
  }
  return (entries[entries.length - 1] as readonly [T, number])[0];
}

function createUuid(prng: Prng): string {
  const hex = '0123456789abcdef';
  return `${prng.chars(hex, 8)}-${prng.chars(hex, 4)}-4${prng.chars(hex, 3)}-a${prng.chars(hex, 3)}-${prng.chars(hex, 12)}`;
}

function pickStatus(prng: Prng, ageDays: number): number {
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

const SHIPPED_STATUSES = new Set([2, 10, 13, 14]);

export function createSandboxData(spec: SandboxStoreSpec, options: SandboxDataOptions = {}): SandboxData {
  const now = options.now ?? Date.now;
  const profile = REGION_PROFILES[resolveRegion(spec)];
  const statuses = createOrderStatuses(profile.customLabels);
  const prng = createPrng(spec.seed * 7919 + 17);
  const idBase = profile.region === 'eu' ? { customer: 1, order: 100 } : { customer: 301, order: 4000 };
  const usedEmails = new Set<string>();
  const usedNames = new Set<string>();

  const makePerson = (channelIndex: number, withCompany: boolean): Person => {
    const channel = profile.channels[channelIndex] ?? profile.channels[0]!;
    const second = channelIndex === 1 && profile.region === 'eu';
    // Distinct full names keep personas unambiguous in the demo (name:like still finds shared surnames).
    let firstName = '';
    let lastName = '';
    for (
      let attempt = 0;
      attempt < 50 && (!firstName || usedNames.has(`${firstName} ${lastName}`));
      attempt++
    ) {
      firstName = prng.pick(second ? profile.secondChannelFirstNames : profile.firstNames);
      lastName = prng.pick(second ? profile.secondChannelLastNames : profile.lastNames);
    }
    usedNames.add(`${firstName} ${lastName}`);
    const company = withCompany ? prng.pick(profile.companies) : '';
    const place = prng.pick(channel.places);
    const streetName = prng.pick(place.streets);
    const houseNumber = prng.int(1, 180);
    const street = place.numberFirst ? `${houseNumber} ${streetName}` : `${streetName} ${houseNumber}`;
    const first = foldToAscii(firstName);
    const last = foldToAscii(lastName);
    const domain = company
      ? `${foldToAscii(company.split(' ')[0] ?? 'firma')}.example`
      : second
        ? 'example.co.uk'
        : prng.pick(profile.emailDomains);
    const local = weighted(prng, [
      [`${first}.${last}`, 5],
      [`${first}${last}${prng.int(70, 99)}`, 2],
      [`${first[0] ?? 'x'}.${last}`, 2],
      [`${first}_${last[0] ?? 'x'}`, 1],
    ]);
    let email = `${local}@${domain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${domain}`;
    usedEmails.add(email);
    const phone = prng.chance(0.6)
      ? place.phonePattern.replace(/#/g, () =>
          String(prng.int(place.phonePattern.startsWith('(') ? 2 : 0, 9)),
        )
      : '';
    return { firstName, lastName, email, company, phone, place, street };
  };

  // Customers. Fixed indexes are the personas; the rest are random shoppers.
  const customers: RawCustomer[] = [];
  const customerPeople: Person[] = [];
  for (let i = 0; i < CUSTOMER_COUNT; i++) {
    const channelIndex = i > 3 && i % 6 === 5 ? 1 : 0;
    const withCompany = i > 3 && prng.chance(0.2);
    const person = makePerson(channelIndex, withCompany);
    if (i === PLUS_ADDRESS_INDEX) {
      // Plus-addressing: a client that forgets to URL-encode `+` in ?email= or email:in= misses this shopper.
      person.email = person.email.replace('@', '+shop@');
    }
    const id = idBase.customer + i;
    const group = person.company
      ? 2
      : weighted(prng, [
          [0, 5],
          [1, 3],
          [3, 1],
        ]);
    const created = SANDBOX_BASE_DATE_MS - prng.int(735, 1100) * DAY + prng.int(0, 23) * HOUR;
    customerPeople.push(person);
    customers.push({
      id,
      email: person.email,
      first_name: person.firstName,
      last_name: person.lastName,
      company: person.company,
      phone: person.phone,
      registration_ip_address: `198.51.100.${prng.int(2, 254)}`,
      notes:
        i % 9 === 4
          ? prng.pick(['Prefers contact by email.', 'VIP – handle with care.', 'Wholesale terms: net 30.'])
          : '',
      tax_exempt_category: person.company && prng.chance(0.3) ? 'G' : '',
      customer_group_id: group,
      date_created: formatIso(created),
      date_modified: formatIso(created + prng.int(1, 400) * DAY),
      address_count: 1,
      attribute_count: 0,
      authentication: { force_password_reset: false },
      accepts_product_review_abandoned_cart_emails: prng.chance(0.5),
      store_credit_amounts: [{ amount: i % 11 === 7 ? 25 : 0 }],
      origin_channel_id: channelIndex + 1,
      channel_ids: null,
      addresses: [
        {
          id: id * 10 + 1,
          customer_id: id,
          first_name: person.firstName,
          last_name: person.lastName,
          company: person.company,
          address1: person.street,
          address2: '',
          city: person.place.city,
          state_or_province: person.place.state,
          postal_code: person.place.zip,
          country: person.place.country,
          country_code: person.place.countryIso2,
          phone: person.phone,
          address_type: person.company ? 'commercial' : 'residential',
        },
      ],
    });
  }

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
      customerId: customerIndex === null ? 0 : idBase.customer + customerIndex,
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
  const guestDrafts: Draft[] = [];
  for (let g = 0; g < GUEST_COUNT; g++) {
    const channelIndex = g % 4 === 3 ? 1 : 0;
    const person = makePerson(channelIndex, false);
    guests.push(person);
    const count = g === 0 ? 3 : prng.int(1, 2);
    for (let k = 0; k < count; k++) {
      const scenario = g === 0 && k === 0 ? 'guestOrder' : null;
      guestDrafts.push(
        addDraft(
          null,
          person,
          g === 0 ? recent(5 + k * 60, 30 + k * 60) : recent(1, 729),
          scenario,
          channelIndex,
        ),
      );
    }
  }

  // Every status id 0..14 must appear at least once; repaint random non-scenario orders where needed.
  const present = new Set(drafts.map((d) => d.statusId));
  const repaintable = drafts.filter((d) => d.scenario === null && d.customerId !== idBase.customer + 2);
  for (let status = 0; status <= 14; status++) {
    if (present.has(status)) continue;
    const target = repaintable.splice(prng.int(0, repaintable.length - 1), 1)[0];
    if (target) target.statusId = status;
    present.add(status);
  }

  drafts.sort((a, b) => a.sequenceMs - b.sequenceMs);

  const orders: RawOrder[] = [];
  const productsByOrder = new Map<number, RawOrderProduct[]>();
  const addressesByOrder = new Map<number, RawShippingAddress[]>();
  const shipmentsByOrder = new Map<number, RawShipment[]>();
  const couponsByOrder = new Map<number, RawCoupon[]>();
  const transactionsByOrder = new Map<number, RawTransaction[]>();
  const refundsByOrder = new Map<number, RawRefund[]>();
  const scenarioOrders = new Map<Scenario, number>();
  const counters = {
    product: 1000,
    address: 500,
    shipment: 1,
    coupon: 1,
    transaction: 9000,
    refund: 1,
    returnId: 700,
  };

  drafts.forEach((draft, index) => {
    const id = idBase.order + index;
    const built = buildOrder(id, draft);
    orders.push(built);
    if (draft.scenario && !scenarioOrders.has(draft.scenario)) scenarioOrders.set(draft.scenario, id);
  });

  function toAddress(person: Person): RawAddress {
    return {
      first_name: person.firstName,
      last_name: person.lastName,
      company: person.company,
      street_1: person.street,
      street_2: prng.chance(0.1) ? `${profile.region === 'eu' ? 'Hinterhaus, 3. OG' : 'Apt 4B'}` : '',
      city: person.place.city,
      state: person.place.state,
      zip: person.place.zip,
      country: person.place.country,
      country_iso2: person.place.countryIso2,
      phone: person.phone,
      email: person.email,
    };
  }

  function priceLine(product: CatalogProduct, taxRate: number): { ex: number; inc: number; tax: number } {
    if (profile.store.priceEnteredWithTax) {
      const inc = product.priceCents;
      const ex = Math.round(inc / (1 + taxRate));
      return { ex, inc, tax: inc - ex };
    }
    const ex = product.priceCents;
    const tax = Math.round(ex * taxRate);
    return { ex, inc: ex + tax, tax };
  }

  function buildOrder(id: number, draft: Draft): RawOrder {
    const channel = profile.channels[draft.channelIndex] ?? profile.channels[0]!;
    const statusId = draft.statusId;
    const scenario = draft.scenario;
    const rate = profile.region === 'eu' && draft.channelIndex === 1 ? Number(channel.exchangeRate) : 1;
    const physical = profile.products.filter((p) => !p.digital);
    const digitalOnly = scenario === 'digital' || (scenario === null && statusId === 10 && prng.chance(0.15));

    // Line items.
    const lineCount = digitalOnly
      ? 1
      : scenario === 'twoShippingAddresses' ||
          scenario === 'partiallyShipped' ||
          scenario === 'legacyRefundFields'
        ? 3
        : weighted(prng, [
            [1, 5],
            [2, 4],
            [3, 2],
            [4, 1],
          ]);
    const chosen: CatalogProduct[] = [];
    while (chosen.length < lineCount) {
      const candidate = digitalOnly ? profile.products.find((p) => p.digital)! : prng.pick(physical);
      if (!chosen.includes(candidate)) chosen.push(candidate);
    }
    const twoAddresses =
      !digitalOnly &&
      (scenario === 'twoShippingAddresses' || (scenario === null && lineCount >= 2 && prng.chance(0.06)));
    const addressIds = digitalOnly
      ? []
      : twoAddresses
        ? [counters.address++, counters.address++]
        : [counters.address++];

    const lines: RawOrderProduct[] = chosen.map((product, lineIndex) => {
      const quantity =
        (statusId === 3 || statusId === 14) && lineIndex === 0
          ? 2
          : weighted(prng, [
              [1, 6],
              [2, 2],
              [3, 1],
            ]);
      const unit = priceLine(product, channel.taxRate);
      const unitEx = Math.round(unit.ex * rate);
      const unitInc = Math.round(unit.inc * rate);
      const lineId = counters.product++;
      const options = product.options.map((option, optionIndex) => {
        const value = prng.pick(option.values);
        return {
          id: lineId * 10 + optionIndex,
          option_id: 10 + optionIndex,
          order_product_id: lineId,
          product_option_id: product.productId * 10 + optionIndex,
          display_name: option.name,
          display_value: value,
          value: String(100 + option.values.indexOf(value)),
          type: 'Multiple choice',
          name: option.name,
          display_style: 'Rectangle',
        };
      });
      return {
        id: lineId,
        order_id: id,
        product_id: product.productId,
        variant_id: product.productId * 100 + (options.length ? 1 + prng.int(0, 5) : 0),
        order_address_id: twoAddresses && lineIndex > 0 ? addressIds[1]! : (addressIds[0] ?? 0),
        name: product.name,
        name_customer: product.name,
        name_merchant: product.name,
        sku: options.length
          ? `${product.sku}-${foldToAscii(options[0]!.display_value).toUpperCase()}`
          : product.sku,
        upc: '',
        type: product.digital ? 'digital' : 'physical',
        base_price: formatMoneyV2(unitEx),
        price_ex_tax: formatMoneyV2(unitEx),
        price_inc_tax: formatMoneyV2(unitInc),
        price_tax: formatMoneyV2(unitInc - unitEx),
        base_total: formatMoneyV2(unitEx * quantity),
        total_ex_tax: formatMoneyV2(unitEx * quantity),
        total_inc_tax: formatMoneyV2(unitInc * quantity),
        total_tax: formatMoneyV2((unitInc - unitEx) * quantity),
        discounted_total_inc_tax: formatMoneyV2(unitInc * quantity),
        weight: product.weight,
        quantity,
        quantity_shipped: 0,
        is_refunded: false,
        quantity_refunded: 0,
        refund_amount: '0.0000',
        return_id: 0,
        wrapping_id: 0,
        wrapping_name: '',
        wrapping_message: '',
        event_name: null,
        event_date: null,
        parent_order_product_id: null,
        is_bundled_product: false,
        brand: product.brand,
        applied_discounts: [],
        product_options: options,
      };
    });
    const cents = (
      line: RawOrderProduct,
      field: 'total_inc_tax' | 'total_ex_tax' | 'price_inc_tax',
    ): number => Math.round(Number(line[field]) * 100);

    // Coupon applies a percentage to every line.
    let couponCents = 0;
    if (!digitalOnly && prng.chance(0.12)) {
      const coupon = prng.pick([
        { code: 'WELCOME10', pct: 10 },
        { code: profile.region === 'eu' ? 'FRUEHLING15' : 'SPRING15', pct: 15 },
      ]);
      for (const line of lines) {
        const amount = Math.round((cents(line, 'total_inc_tax') * coupon.pct) / 100);
        couponCents += amount;
        line.applied_discounts = [
          {
            id: 'coupon',
            amount: formatMoneyV2(amount),
            name: 'Coupon',
            code: coupon.code,
            target: 'product',
          },
        ];
        line.discounted_total_inc_tax = formatMoneyV2(cents(line, 'total_inc_tax') - amount);
      }
      couponsByOrder.set(id, [
        {
          id: counters.coupon++,
          coupon_id: coupon.pct,
          order_id: id,
          code: coupon.code,
          amount: coupon.pct,
          type: 1,
          discount: couponCents / 100,
        },
      ]);
    }

    // Shipping addresses, one per method.
    const shippingAddressesSoFar: RawShippingAddress[] = [];
    const shippingAddresses: RawShippingAddress[] = addressIds.map((addressId, addressIndex) => {
      const recipient: Person =
        addressIndex === 0
          ? draft.person
          : { ...makePerson(draft.channelIndex, false), email: draft.person.email };
      const methods = channel.methods.filter((m) => (statusId === 8 ? m.pickup : !m.pickup));
      // A second address always uses a different method than the first, as gift orders typically do.
      const firstMethod = addressIndex === 1 ? shippingAddressesSoFar[0]?.shipping_method : undefined;
      const method =
        addressIndex === 1
          ? (methods.find((m) => m.name !== firstMethod && m.costCents > 0) ?? methods[0]!)
          : prng.pick(methods);
      const costInc = Math.round(method.costCents * rate);
      const costEx = Math.round(costInc / (1 + (profile.store.priceEnteredWithTax ? channel.taxRate : 0)));
      const itemsTotal = lines
        .filter((l) => l.order_address_id === addressId)
        .reduce((s, l) => s + l.quantity, 0);
      const record: RawShippingAddress = {
        id: addressId,
        order_id: id,
        ...toAddress(recipient),
        items_total: itemsTotal,
        items_shipped: 0,
        shipping_method: method.name,
        base_cost: formatMoneyV2(costInc),
        cost_ex_tax: formatMoneyV2(costEx),
        cost_inc_tax: formatMoneyV2(costInc),
        cost_tax: formatMoneyV2(costInc - costEx),
        cost_tax_class_id: 2,
        base_handling_cost: '0.0000',
        handling_cost_ex_tax: '0.0000',
        handling_cost_inc_tax: '0.0000',
        handling_cost_tax: '0.0000',
        handling_cost_tax_class_id: 2,
        shipping_zone_id: draft.channelIndex + 1,
        shipping_zone_name: recipient.place.country,
        shipping_quotes: {
          url: `https://api.bigcommerce.com/stores/${spec.hash}/v2/orders/${id}/shipping_addresses/${addressId}/shipping_quotes`,
          resource: `/orders/${id}/shipping_addresses/${addressId}/shipping_quotes`,
        },
        form_fields: [],
      };
      shippingAddressesSoFar.push(record);
      return record;
    });

    // Totals.
    const subtotalInc = lines.reduce((s, l) => s + cents(l, 'total_inc_tax'), 0);
    const subtotalEx = lines.reduce((s, l) => s + cents(l, 'total_ex_tax'), 0);
    const shippingInc = shippingAddresses.reduce((s, a) => s + Math.round(Number(a.cost_inc_tax) * 100), 0);
    const shippingEx = shippingAddresses.reduce((s, a) => s + Math.round(Number(a.cost_ex_tax) * 100), 0);
    const totalInc = subtotalInc + shippingInc - couponCents;
    const totalTax = subtotalInc - subtotalEx + (shippingInc - shippingEx);
    const totalEx = totalInc - totalTax;

    // Timeline.
    let modified = draft.createdMs + prng.int(1, 30) * 60_000;
    const clamp = (ms: number): number => Math.min(ms, SANDBOX_BASE_DATE_MS - 60_000);
    const shipments: RawShipment[] = [];
    const shippedBeforeRefund = statusId === 4 ? scenario === 'refunded' || prng.chance(0.6) : true;
    const fullyShipped =
      !digitalOnly && (SHIPPED_STATUSES.has(statusId) || (statusId === 4 && shippedBeforeRefund));
    let lastShipped = 0;
    if (fullyShipped || statusId === 3) {
      shippingAddresses.forEach((address, addressIndex) => {
        if (statusId === 3 && addressIndex > 0) return;
        const addressLines = lines.filter((l) => l.order_address_id === address.id);
        const items = addressLines
          .map((line, lineIndex) => {
            // Partially shipped: only part of the first line's quantity leaves the warehouse.
            const quantity = statusId === 3 ? (lineIndex === 0 ? line.quantity - 1 : 0) : line.quantity;
            return { order_product_id: line.id, product_id: line.product_id, quantity };
          })
          .filter((item) => item.quantity > 0);
        const method = channel.methods.find((m) => m.name === address.shipping_method);
        const carrierKey =
          method?.carrier ||
          (profile.region === 'eu' ? (draft.channelIndex === 1 ? 'royalmail' : 'dhl') : 'ups');
        const carrier = CARRIERS[carrierKey] ?? CARRIERS['ups']!;
        const shipmentId = counters.shipment++;
        const shippedAt = clamp(draft.createdMs + prng.int(12, 72) * HOUR);
        lastShipped = Math.max(lastShipped, shippedAt);
        // Three ways BigCommerce exposes tracking: provider + generated link, carrier slug + generated
        // link, or a merchant-supplied custom tracking_link (generated link then empty).
        const style =
          scenario === 'shippedWithTracking' || scenario === 'guestOrder'
            ? 'provider'
            : scenario === 'twoShippingAddresses'
              ? addressIndex === 0
                ? 'provider'
                : 'custom'
              : (['provider', 'carrier', 'custom', 'provider', 'none'] as const)[shipmentId % 5]!;
        const trackingNumber = style === 'none' || method?.pickup ? '' : carrier.trackingNumber(prng);
        const link = trackingNumber ? carrier.trackingUrl(trackingNumber) : '';
        shipments.push({
          id: shipmentId,
          order_id: id,
          customer_id: draft.customerId,
          order_address_id: address.id,
          date_created: formatRfc2822(shippedAt),
          tracking_number: trackingNumber,
          merchant_shipping_cost: '0.0000',
          shipping_method: address.shipping_method,
          comments: style === 'none' ? 'Sent as a letter, no tracking available.' : '',
          shipping_provider: style === 'carrier' || !trackingNumber ? '' : carrier.provider,
          shipping_provider_display_name: trackingNumber ? carrier.displayName : '',
          tracking_carrier: style === 'carrier' ? carrier.trackingCarrier : '',
          tracking_link: style === 'custom' ? link : '',
          generated_tracking_link: style === 'custom' ? '' : link,
          billing_address: toAddress(draft.person),
          shipping_address: {
            first_name: address.first_name,
            last_name: address.last_name,
            company: address.company,
            street_1: address.street_1,
            street_2: address.street_2,
            city: address.city,
            state: address.state,
            zip: address.zip,
            country: address.country,
            country_iso2: address.country_iso2,
            phone: address.phone,
            email: address.email,
          },
          items,
        });
        for (const item of items) {
          const line = lines.find((l) => l.id === item.order_product_id)!;
          line.quantity_shipped += item.quantity;
          address.items_shipped += item.quantity;
        }
      });
    }
    if (fullyShipped && digitalOnly === false) {
      for (const line of lines) line.quantity_shipped = line.quantity;
    }
    if (digitalOnly && (statusId === 10 || statusId === 2))
      for (const line of lines) line.quantity_shipped = line.quantity;
    modified = Math.max(modified, lastShipped);

    // Payment.
    const gatewayChoice =
      scenario === 'noTransactions'
        ? profile.gateways.find((g) => g.gateway === null && !g.offline)!
        : statusId === 0 || scenario !== null
          ? // Persona orders pay by card so their transactions are predictable for tests and the demo.
            profile.gateways[0]!
          : weighted(
              prng,
              profile.gateways.map((g) => [g, g.weight] as const),
            );
    const currency = channel.currency;
    const transactions: RawTransaction[] = [];
    const cardType = prng.pick(['visa', 'mastercard', 'amex']);
    const last4 = prng.chars('0123456789', 4);
    const gatewayTxn = (): string =>
      gatewayChoice.gateway === 'stripe'
        ? `pi_3${prng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 23)}`
        : prng.chars('0123456789abcdefghijklmnopqrstuvwxyz', 8);
    const addTransaction = (
      event: RawTransaction['event'],
      amountCents: number,
      at: number,
      status: 'ok' | 'error' = 'ok',
      reference: number | null = null,
    ): number => {
      const txId = counters.transaction++;
      transactions.push({
        id: txId,
        order_id: String(id),
        event,
        method: 'credit_card',
        amount: formatMoneyV3(amountCents),
        currency,
        gateway: gatewayChoice.gateway ?? '',
        gateway_transaction_id: gatewayTxn(),
        date_created: formatIso(at),
        test: false,
        status,
        fraud_review: statusId === 12,
        reference_transaction_id: reference,
        offline: null,
        custom: null,
        payment_method_id: gatewayChoice.gateway === 'stripe' ? 'stripe.card' : 'braintree.card',
        avs_result: {
          code: 'Y',
          message: 'Street address and postal code match',
          street_match: 'Y',
          postal_match: 'Y',
        },
        cvv_result: { code: 'M', message: 'CVV matches' },
        credit_card: {
          card_type: cardType,
          card_iin: cardType === 'visa' ? '424242' : cardType === 'amex' ? '378282' : '555555',
          card_last4: last4,
          card_expiry_month: prng.int(1, 12),
          card_expiry_year: 2027 + prng.int(0, 4),
        },
      });
      return txId;
    };
    const paidAt = draft.createdMs + prng.int(5, 90) * 1000;
    const capturedStatuses = new Set([2, 3, 4, 8, 9, 10, 11, 13, 14]);
    let purchaseTxn: number | null = null;
    if (gatewayChoice.gateway) {
      if (statusId === 6) addTransaction('purchase', totalInc, paidAt, 'error');
      else if (statusId === 5) {
        const auth = addTransaction('authorization', totalInc, paidAt);
        addTransaction('void', totalInc, paidAt + prng.int(1, 48) * HOUR, 'ok', auth);
      } else if (statusId === 12 || (statusId === 11 && gatewayChoice.gateway === 'braintree')) {
        purchaseTxn = addTransaction('authorization', totalInc, paidAt);
      } else if (capturedStatuses.has(statusId)) {
        if (gatewayChoice.gateway === 'braintree') {
          const auth = addTransaction('authorization', totalInc, paidAt);
          purchaseTxn = addTransaction('capture', totalInc, paidAt + prng.int(1, 20) * HOUR, 'ok', auth);
        } else purchaseTxn = addTransaction('purchase', totalInc, paidAt);
      } else if (statusId === 7) addTransaction('pending', totalInc, paidAt);
    }

    // Refunds.
    const legacyNames = scenario === 'legacyRefundFields' || (scenario === null && id % 3 === 0);
    const refunds: RawRefund[] = [];
    let refundedCents = 0;
    const refundBase = clamp(Math.max(lastShipped, draft.createdMs) + prng.int(3, 20) * DAY);
    const addRefund = (
      items: RawRefundItem[],
      amountCents: number,
      taxCents: number,
      at: number,
      reason: string,
    ): void => {
      const refundId = counters.refund++;
      refunds.push({
        id: refundId,
        order_id: id,
        user_id: prng.int(1, 4),
        created: formatIso(at),
        reason,
        total_amount: formatMoneyV3(amountCents),
        total_tax: formatMoneyV3(taxCents),
        uses_merchant_override_values: false,
        items,
        payments: [
          {
            id: refundId * 10 + 1,
            provider_id:
              gatewayChoice.gateway ?? (gatewayChoice.offline ? 'custom' : foldToAscii(gatewayChoice.method)),
            amount: formatMoneyV3(amountCents),
            offline: gatewayChoice.offline ?? false,
            is_declined: false,
            declined_message: '',
          },
        ],
      });
      refundedCents += amountCents;
      if (gatewayChoice.gateway) addTransaction('refund', amountCents, at, 'ok', purchaseTxn);
      modified = Math.max(modified, at);
    };
    if (statusId === 4) {
      const returned = shippedBeforeRefund;
      const items: RawRefundItem[] = lines.map((line) => ({
        item_type: 'PRODUCT',
        item_id: line.id,
        reason: returned ? 'Returned by customer' : 'Order cancelled before shipping',
        quantity: line.quantity,
        requested_amount: null,
      }));
      for (const line of lines) {
        line.is_refunded = true;
        line.quantity_refunded = line.quantity;
        line.refund_amount = line.discounted_total_inc_tax;
        if (returned && line.id % 2 === 0) line.return_id = counters.returnId++;
      }
      let amount = lines.reduce((s, l) => s + Math.round(Number(l.discounted_total_inc_tax) * 100), 0);
      for (const address of shippingAddresses) {
        items.push({
          item_type: 'SHIPPING',
          item_id: address.id,
          reason: 'Shipping refunded',
          requested_amount: formatMoneyV3(Math.round(Number(address.cost_inc_tax) * 100)),
        });
        amount += Math.round(Number(address.cost_inc_tax) * 100);
      }
      addRefund(items, amount, totalTax, refundBase, returned ? 'Return received' : 'Cancelled by customer');
    } else if (statusId === 14) {
      const line = lines[0]!;
      const unitPaid = Math.round(Math.round(Number(line.discounted_total_inc_tax) * 100) / line.quantity);
      line.quantity_refunded = 1;
      line.refund_amount = formatMoneyV2(unitPaid);
      line.return_id = counters.returnId++;
      const unitTax = Math.round(Number(line.price_tax) * 100);
      addRefund(
        [
          {
            item_type: 'PRODUCT',
            item_id: line.id,
            reason: 'Damaged in transit',
            quantity: 1,
            requested_amount: null,
          },
        ],
        unitPaid,
        unitTax,
        refundBase,
        'Item arrived damaged',
      );
      const firstAddress = shippingAddresses[0];
      const shippingCents = firstAddress ? Math.round(Number(firstAddress.cost_inc_tax) * 100) : 0;
      if ((scenario === 'partiallyRefunded' || id % 2 === 0) && shippingCents > 0 && firstAddress) {
        addRefund(
          [
            {
              item_type: 'SHIPPING',
              item_id: firstAddress.id,
              reason: 'Goodwill: shipping refunded',
              requested_amount: formatMoneyV3(shippingCents),
            },
          ],
          shippingCents,
          Math.round(Number(firstAddress.cost_tax) * 100),
          clamp(refundBase + prng.int(1, 4) * DAY),
          'Goodwill',
        );
      }
    }
    if (legacyNames) {
      // Older payloads named the line refund `refunded_amount` and had no quantity_refunded.
      for (const line of lines) {
        line.refunded_amount = line.refund_amount ?? '0.0000';
        delete line.refund_amount;
        delete line.quantity_refunded;
      }
    }

    const paymentStatus = ((): string => {
      if (statusId === 0) return '';
      if (statusId === 4) return 'refunded';
      if (statusId === 14) return 'partially refunded';
      if (statusId === 5) return 'void';
      if (statusId === 6) return 'declined';
      if (statusId === 1 || statusId === 7) return 'pending';
      if (statusId === 12) return 'held for review';
      if (gatewayChoice.offline) return 'paid';
      if (statusId === 11 && gatewayChoice.gateway === 'braintree') return 'authorized';
      return 'captured';
    })();

    const staffNotes =
      scenario === 'withStaffNotes'
        ? profile.region === 'eu'
          ? 'Kundin rief an: Lieferung bitte erst ab Montag. – Jana (CS)\nTeillieferung abgelehnt, alles zusammen versenden.'
          : 'Customer called: please hold until Monday. - Marcus (CS)\nDo not split the shipment.'
        : scenario === null && prng.chance(0.08)
          ? prng.pick(profile.staffNotes)
          : '';
    const customerMessage =
      scenario === 'withCustomerMessage'
        ? profile.customerMessages[0]!
        : scenario === null && prng.chance(0.15)
          ? prng.pick(profile.customerMessages)
          : '';
    if (staffNotes) modified = Math.max(modified, draft.createdMs + prng.int(2, 30) * HOUR);

    const statusInfo = statuses.find((s) => s.id === statusId)!;
    const itemsTotal = lines.reduce((s, l) => s + l.quantity, 0);
    const itemsShipped = lines.reduce((s, l) => s + l.quantity_shipped, 0);
    const storeCurrency = profile.store.currency;
    const billing = toAddress(draft.person);

    productsByOrder.set(id, lines);
    if (shippingAddresses.length) addressesByOrder.set(id, shippingAddresses);
    if (shipments.length) shipmentsByOrder.set(id, shipments);
    if (transactions.length) transactionsByOrder.set(id, transactions);
    if (refunds.length) refundsByOrder.set(id, refunds);

    const link = (resource: string): { url: string; resource: string } => ({
      url: `https://api.bigcommerce.com/stores/${spec.hash}/v2/orders/${id}/${resource}`,
      resource: `/orders/${id}/${resource}`,
    });
    return {
      id,
      customer_id: draft.customerId,
      date_created: formatRfc2822(draft.createdMs),
      date_modified: formatRfc2822(clamp(Math.max(modified, draft.sequenceMs))),
      date_shipped: fullyShipped && lastShipped ? formatRfc2822(lastShipped) : '',
      status_id: statusId,
      status: statusInfo.name,
      custom_status: statusInfo.custom_label,
      subtotal_ex_tax: formatMoneyV2(subtotalEx),
      subtotal_inc_tax: formatMoneyV2(subtotalInc),
      subtotal_tax: formatMoneyV2(subtotalInc - subtotalEx),
      base_shipping_cost: formatMoneyV2(shippingInc),
      shipping_cost_ex_tax: formatMoneyV2(shippingEx),
      shipping_cost_inc_tax: formatMoneyV2(shippingInc),
      shipping_cost_tax: formatMoneyV2(shippingInc - shippingEx),
      shipping_cost_tax_class_id: 2,
      base_handling_cost: '0.0000',
      handling_cost_ex_tax: '0.0000',
      handling_cost_inc_tax: '0.0000',
      handling_cost_tax: '0.0000',
      handling_cost_tax_class_id: 2,
      base_wrapping_cost: '0.0000',
      wrapping_cost_ex_tax: '0.0000',
      wrapping_cost_inc_tax: '0.0000',
      wrapping_cost_tax: '0.0000',
      wrapping_cost_tax_class_id: 3,
      total_ex_tax: formatMoneyV2(totalEx),
      total_inc_tax: formatMoneyV2(totalInc),
      total_tax: formatMoneyV2(totalTax),
      is_tax_inclusive_pricing: profile.store.priceEnteredWithTax,
      items_total: itemsTotal,
      items_shipped: itemsShipped,
      payment_method: gatewayChoice.method,
      payment_provider_id: transactions[0]?.gateway_transaction_id ?? '',
      payment_status: paymentStatus,
      refunded_amount: formatMoneyV2(refundedCents),
      order_is_digital: digitalOnly,
      store_credit_amount: '0.0000',
      gift_certificate_amount: '0.0000',
      ip_address: `203.0.113.${prng.int(2, 254)}`,
      ip_address_v6: '',
      geoip_country: draft.person.place.country,
      geoip_country_iso2: draft.person.place.countryIso2,
      currency_id: channel.currencyId,
      currency_code: currency,
      currency_exchange_rate: channel.exchangeRate,
      default_currency_id: channel.currencyId,
      default_currency_code: currency,
      store_default_currency_code: storeCurrency,
      store_default_to_transactional_exchange_rate: channel.exchangeRate,
      staff_notes: staffNotes,
      customer_message: customerMessage,
      discount_amount: '0.0000',
      coupon_discount: formatMoneyV2(couponCents),
      shipping_address_count: shippingAddresses.length,
      is_deleted: false,
      ebay_order_id: '0',
      cart_id: statusId === 0 || draft.imported ? '' : createUuid(prng),
      billing_address: {
        ...billing,
        form_fields: prng.chance(0.1)
          ? [
              {
                name: profile.region === 'eu' ? 'Lieferhinweis' : 'Delivery Instructions',
                value:
                  profile.region === 'eu' ? 'Bitte nicht klingeln (Baby schläft)' : 'Leave by the garage',
              },
            ]
          : [],
      },
      is_email_opt_in: prng.chance(0.4),
      credit_card_type: null,
      order_source: draft.imported ? 'external' : channel.orderSource,
      channel_id: channel.id,
      external_source: draft.imported ? 'Legacy Shop Import' : channel.externalSource,
      external_id: null,
      external_merchant_id: null,
      external_order_id: channel.externalSource
        ? `${prng.chars('0123456789', 3)}-${prng.chars('0123456789', 7)}-${prng.chars('0123456789', 7)}`
        : '',
      tax_provider_id: 'BasicTaxProvider',
      customer_locale: draft.person.place.locale,
      products: link('products'),
      shipping_addresses: link('shipping_addresses'),
      coupons: link('coupons'),
    };
  }

  // Indexes built once so list handlers stay O(page).
  const orderById = new Map<number, RawOrder>();
  const byCustomer = new Map<number, RawOrder[]>();
  const byEmail = new Map<string, RawOrder[]>();
  for (const order of orders) {
    orderById.set(order.id, order);
    // Guests (customer_id 0) are reachable only through the email index.
    if (order.customer_id) {
      const own = byCustomer.get(order.customer_id);
      if (own) own.push(order);
      else byCustomer.set(order.customer_id, [order]);
    }
    const key = order.billing_address.email.toLowerCase();
    const list = byEmail.get(key);
    if (list) list.push(order);
    else byEmail.set(key, [order]);
  }
  for (const list of byCustomer.values()) list.sort((a, b) => a.id - b.id);

  const touch = (order: RawOrder): void => {
    // Monotonic even under a fake clock, so a delta sync on min_date_modified always sees the write.
    const previous = Date.parse(order.date_modified);
    order.date_modified = formatRfc2822(Math.max(now(), previous + 1000));
  };

  const scenarioId = (scenario: Scenario): number => scenarioOrders.get(scenario) ?? 0;
  const c = (index: number): SandboxPersonaPerson => {
    const customer = customers[index]!;
    return {
      customerId: customer.id,
      email: customer.email,
      firstName: customer.first_name,
      lastName: customer.last_name,
    };
  };
  const firstGuest = guests[0]!;
  const noOrderIndex = Math.min(...noOrderIndexes);
  const personas: SandboxPersonas = {
    storeHash: spec.hash,
    currency: profile.store.currency,
    registered: { ...c(0), orderCount: byCustomer.get(idBase.customer)?.length ?? 0 },
    registeredWithGuestOrders: {
      ...c(1),
      orderCount: byCustomer.get(idBase.customer + 1)?.length ?? 0,
      guestOrderCount: guestOfRegistered.length,
    },
    guest: {
      email: firstGuest.email,
      firstName: firstGuest.firstName,
      lastName: firstGuest.lastName,
      orderCount: byEmail.get(firstGuest.email.toLowerCase())?.length ?? 0,
    },
    manyOrders: { ...c(2), orderCount: byCustomer.get(idBase.customer + 2)?.length ?? 0 },
    noOrders: c(noOrderIndex),
    plusAddressed: {
      ...c(PLUS_ADDRESS_INDEX),
      orderCount: byCustomer.get(idBase.customer + PLUS_ADDRESS_INDEX)?.length ?? 0,
    },
    unknownEmail: `nobody.${spec.hash}@example.invalid`,
    unknownCustomerId: idBase.customer + 9999,
    unknownOrderId: idBase.order + 99_999,
    orders: {
      shippedWithTracking: scenarioId('shippedWithTracking'),
      partiallyShipped: scenarioId('partiallyShipped'),
      refunded: scenarioId('refunded'),
      partiallyRefunded: scenarioId('partiallyRefunded'),
      twoShippingAddresses: scenarioId('twoShippingAddresses'),
      incomplete: scenarioId('incomplete'),
      guestOrder: scenarioId('guestOrder'),
      withStaffNotes: scenarioId('withStaffNotes'),
      withCustomerMessage: scenarioId('withCustomerMessage'),
      otherChannel: scenarioId('otherChannel'),
      noTransactions: scenarioId('noTransactions'),
      digital: scenarioId('digital'),
      legacyRefundFields: scenarioId('legacyRefundFields'),
    },
  };

  const data: SandboxData = {
    store: createStoreInfo(spec, profile),
    channels: profile.channels.map((ch) => ({
      id: ch.id,
      name: ch.name,
      type: ch.type,
      platform: ch.platform,
      status: 'active',
      currency: ch.currency,
    })),
    statuses,
    customers,
    orders,
    products: productsByOrder,
    shippingAddresses: addressesByOrder,
    shipments: shipmentsByOrder,
    coupons: couponsByOrder,
    transactions: transactionsByOrder,
    refunds: refundsByOrder,
    personas,
    getOrder: (id) => orderById.get(id),
    getOrdersByCustomer: (customerId) => byCustomer.get(customerId) ?? [],
    getOrdersByEmail: (email) => byEmail.get(email.trim().toLowerCase()) ?? [],
    setStaffNotes(orderId, text) {
      const order = orderById.get(orderId);
      if (!order) throw new Error(`Sandbox order ${orderId} does not exist`);
      order.staff_notes = text;
      touch(order);
    },
    updateOrder(orderId, changes) {
      const order = orderById.get(orderId);
      if (!order) return undefined;
      if (changes.staff_notes !== undefined) order.staff_notes = changes.staff_notes;
      if (changes.status_id !== undefined) {
        const status = statuses.find((s) => s.id === changes.status_id);
        if (status) {
          order.status_id = status.id;
          order.status = status.name;
          order.custom_status = status.custom_label;
        }
      }
      touch(order);
      return order;
    },
  };
  return data;
}

function createStoreInfo(spec: SandboxStoreSpec, profile: RegionProfile): RawStoreInfo {
  const s = profile.store;
  return {
    id: spec.hash,
    account_uuid: `00000000-0000-4000-a000-${String(Math.abs(spec.seed)).padStart(12, '0')}`,
    domain: s.domain,
    secure_url: `https://${s.domain}`,
    control_panel_base_url: `https://store-${spec.hash}.mybigcommerce.com`,
    status: 'live',
    name: `${s.name} (${spec.label})`,
    first_name: s.ownerFirst,
    last_name: s.ownerLast,
    address: s.address,
    country: s.country,
    country_code: s.countryCode,
    phone: s.phone,
    admin_email: `admin@${s.domain}`,
    order_email: `orders@${s.domain}`,
    timezone: {
      name: s.timezone.name,
      raw_offset: s.timezone.rawOffset,
      dst_offset: s.timezone.dstOffset,
      dst_correction: true,
      date_format: { display: 'jS M Y', export: 'M jS Y', extended_display: 'M jS Y @ g:i A' },
    },
    language: s.language,
    currency: s.currency,
    currency_symbol: s.currencySymbol,
    decimal_separator: s.decimalSeparator,
    thousands_separator: s.thousandsSeparator,
    decimal_places: 2,
    currency_symbol_location: s.symbolLocation,
    weight_units: s.weightUnits,
    dimension_units: s.dimensionUnits,
    plan_name: 'Plus',
    plan_level: 'Plus',
    plan_is_trial: false,
    industry: s.industry,
    is_price_entered_with_tax: s.priceEnteredWithTax,
    store_id: 1_000_000 + Math.abs(spec.seed),
    default_channel_id: 1,
    default_site_id: 1000,
    features: { stencil_enabled: true, sitewidehttps_enabled: true, checkout_type: 'optimized' },
  };
}
