// Builds one sandbox store's data set from its seed: deterministic (own PRNG, fixed base date), realistic
// enough to exercise every branch a customer-service view has (guests, paging past 250, every status,
// partial shipments, refunds with both line-item field names, two currencies, two channels).
// Orders are indexed by customer id and email once here, so list handlers stay O(that shopper's orders).
// createSandboxStore also hands back the internals the mutation API needs (seed context, indexes, the
// monotonic date_modified stamp); createSandboxData is the public, data-only view.
import { buildOrder, type BuiltOrder } from './build-order.js';
import { bulkFirstId, createBulkOrders, type BulkOrders } from './bulk-orders.js';
import { createCustomerGroups } from './customer-groups.js';
import { formatIso, formatRfc2822 } from './format.js';
import type { Draft, Scenario } from './order-draft.js';
import { createOrderStatuses } from './order-statuses.js';
import { createPrng } from './prng.js';
import type { SandboxPersonaPerson, SandboxPersonas } from './sandbox-personas.js';
import { resolveRegion, type SandboxStoreSpec } from './sandbox-store-spec.js';
import { REGION_PROFILES } from './seed-catalog.js';
import type { SeedContext } from './seed-context.js';
import { createCustomers, PLUS_ADDRESS_INDEX } from './seed-customers.js';
import { createDrafts } from './seed-drafts.js';
import { createNamesake } from './seed-namesake.js';
import { createPeople, type Person } from './seed-people.js';
import { createStoreInfo } from './store-info.js';
import type {
  RawChannel,
  RawCoupon,
  RawCustomer,
  RawCustomerGroup,
  RawOrder,
  RawOrderProduct,
  RawOrderStatus,
  RawRefund,
  RawShipment,
  RawShippingAddress,
  RawStoreInfo,
  RawTransaction,
} from './types.js';

export { SANDBOX_BASE_DATE_MS } from './seed-time.js';
export type { SandboxPersonaPerson, SandboxPersonas } from './sandbox-personas.js';

export interface SandboxData {
  store: RawStoreInfo;
  channels: RawChannel[];
  statuses: RawOrderStatus[];
  customers: RawCustomer[];
  /** Sandbox addition: GET /v2/customer_groups (ids match the customers' customer_group_id; 0 = none). */
  customerGroups: RawCustomerGroup[];
  /** Ascending by id, as BigCommerce lists by default. Bulk orders (spec.bulkOrders) are not in here. */
  orders: RawOrder[];
  products: Map<number, RawOrderProduct[]>;
  shippingAddresses: Map<number, RawShippingAddress[]>;
  shipments: Map<number, RawShipment[]>;
  coupons: Map<number, RawCoupon[]>;
  transactions: Map<number, RawTransaction[]>;
  refunds: Map<number, RawRefund[]>;
  personas: SandboxPersonas;
  /** Sandbox addition: the benchmark's compact orders (spec.bulkOrders), or null. */
  bulk: BulkOrders | null;
  /** Any order, seeded, created or bulk. */
  getOrder(id: number): RawOrder | undefined;
  getCustomer(id: number): RawCustomer | undefined;
  /** Line items as GET /v2/orders/{id}/products serves them (bulk orders' are derived). */
  getProducts(orderId: number): RawOrderProduct[];
  getShippingAddresses(orderId: number): RawShippingAddress[];
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

/** What the mutation API needs beyond the public data: the seed's context and the index upkeep. */
export interface SandboxDataInternals {
  /** The seed context, continued: its PRNG, people and id counters keep producing fresh, unique values. */
  ctx: SeedContext;
  now: () => number;
  /** The person behind a registered customer (addresses for new orders). */
  personOf(customerId: number): Person | undefined;
  nextOrderId(): number;
  /** Adds a freshly built order and its sub-resources, and indexes it. */
  insertOrder(built: BuiltOrder): void;
  /** Stamps date_modified with the clock, never earlier than the previous value + 1 s (delta runs see every write). */
  touchOrder(order: RawOrder): void;
  touchCustomer(customer: RawCustomer): void;
  /** Makes a bulk order's derived line items and address real entries, so a mutation can change them. */
  ownSubResources(orderId: number): void;
}

export function createSandboxData(spec: SandboxStoreSpec, options: SandboxDataOptions = {}): SandboxData {
  return createSandboxStore(spec, options).data;
}

export function createSandboxStore(
  spec: SandboxStoreSpec,
  options: SandboxDataOptions = {},
): { data: SandboxData; internals: SandboxDataInternals } {
  const now = options.now ?? Date.now;
  const profile = REGION_PROFILES[resolveRegion(spec)];
  const statuses = createOrderStatuses(profile.customLabels);
  const prng = createPrng(spec.seed * 7919 + 17);
  // Different id ranges per region make a mixed-up store visible at once in tests.
  const firstCustomerId = profile.region === 'eu' ? 1 : 301;
  const firstOrderId = profile.region === 'eu' ? 100 : 4000;
  const ctx: SeedContext = {
    spec,
    profile,
    prng,
    statuses,
    people: createPeople(prng, profile),
    counters: {
      product: 1000,
      address: 500,
      shipment: 1,
      coupon: 1,
      transaction: 9000,
      refund: 1,
      returnId: 700,
    },
  };

  const { customers, customerPeople } = createCustomers(ctx, firstCustomerId);
  const { drafts, guests, guestOfRegistered, noOrderIndexes } = createDrafts(ctx, customers, customerPeople);

  const orders: RawOrder[] = [];
  const productsByOrder = new Map<number, RawOrderProduct[]>();
  const addressesByOrder = new Map<number, RawShippingAddress[]>();
  const shipmentsByOrder = new Map<number, RawShipment[]>();
  const couponsByOrder = new Map<number, RawCoupon[]>();
  const transactionsByOrder = new Map<number, RawTransaction[]>();
  const refundsByOrder = new Map<number, RawRefund[]>();
  const scenarioOrders = new Map<Scenario, number>();
  const addOrder = (draftCtx: SeedContext, id: number, draft: Draft): void => {
    const built = buildOrder(draftCtx, id, draft);
    orders.push(built.order);
    productsByOrder.set(id, built.lines);
    // Empty sub-resources are absent, so the routes answer 204 like BigCommerce.
    if (built.shippingAddresses.length) addressesByOrder.set(id, built.shippingAddresses);
    if (built.shipments.length) shipmentsByOrder.set(id, built.shipments);
    if (built.coupons.length) couponsByOrder.set(id, built.coupons);
    if (built.transactions.length) transactionsByOrder.set(id, built.transactions);
    if (built.refunds.length) refundsByOrder.set(id, built.refunds);
    if (draft.scenario && !scenarioOrders.has(draft.scenario)) scenarioOrders.set(draft.scenario, id);
  };
  drafts.forEach((draft, index) => addOrder(ctx, firstOrderId + index, draft));

  // The registered persona's namesake, from a PRNG of its own after all else (seed-namesake.ts); its orders are
  // numbered after every seeded one.
  const namesakePrng = createPrng(spec.seed * 7919 + 29);
  const namesakeCtx: SeedContext = {
    ...ctx,
    prng: namesakePrng,
    people: createPeople(namesakePrng, profile),
  };
  const namesake = createNamesake(
    namesakeCtx,
    customerPeople[0]!,
    firstCustomerId + customers.length,
    new Set(customers.map((customer) => customer.email)),
  );
  customers.push(namesake.customer);
  customerPeople.push(namesake.person);
  namesake.drafts.forEach((draft, k) => addOrder(namesakeCtx, firstOrderId + drafts.length + k, draft));

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

  const bulk =
    spec.bulkOrders && spec.bulkOrders > 0
      ? createBulkOrders({
          spec,
          profile,
          statuses,
          firstId: bulkFirstId(firstOrderId),
          count: spec.bulkOrders,
        })
      : null;
  const getOrder = (id: number): RawOrder | undefined => orderById.get(id) ?? bulk?.get(id);
  const touch = (order: RawOrder): void => {
    // Monotonic even under a fake clock, so a delta sync on min_date_modified always sees the write.
    const previous = Date.parse(order.date_modified);
    order.date_modified = formatRfc2822(Math.max(now(), previous + 1000));
    bulk?.commit(order);
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
    registered: { ...c(0), orderCount: byCustomer.get(firstCustomerId)?.length ?? 0 },
    registeredWithGuestOrders: {
      ...c(1),
      orderCount: byCustomer.get(firstCustomerId + 1)?.length ?? 0,
      guestOrderCount: guestOfRegistered.length,
    },
    guest: {
      email: firstGuest.email,
      firstName: firstGuest.firstName,
      lastName: firstGuest.lastName,
      orderCount: byEmail.get(firstGuest.email.toLowerCase())?.length ?? 0,
    },
    manyOrders: { ...c(2), orderCount: byCustomer.get(firstCustomerId + 2)?.length ?? 0 },
    noOrders: c(noOrderIndex),
    namesake: {
      ...c(customers.length - 1),
      orderCount: byCustomer.get(namesake.customer.id)?.length ?? 0,
      city: namesake.person.place.city,
    },
    plusAddressed: {
      ...c(PLUS_ADDRESS_INDEX),
      orderCount: byCustomer.get(firstCustomerId + PLUS_ADDRESS_INDEX)?.length ?? 0,
    },
    unknownEmail: `nobody.${spec.hash}@example.invalid`,
    unknownCustomerId: firstCustomerId + 9999,
    unknownOrderId: firstOrderId + 99_999,
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
    customerGroups: createCustomerGroups(profile.region),
    orders,
    products: productsByOrder,
    shippingAddresses: addressesByOrder,
    shipments: shipmentsByOrder,
    coupons: couponsByOrder,
    transactions: transactionsByOrder,
    refunds: refundsByOrder,
    personas,
    bulk,
    getOrder,
    getCustomer: (id) => customers.find((c) => c.id === id),
    getProducts: (id) => productsByOrder.get(id) ?? bulk?.lines(id) ?? [],
    getShippingAddresses: (id) => addressesByOrder.get(id) ?? bulk?.shippingAddresses(id) ?? [],
    getOrdersByCustomer: (customerId) => byCustomer.get(customerId) ?? [],
    getOrdersByEmail: (email) => byEmail.get(email.trim().toLowerCase()) ?? [],
    setStaffNotes(orderId, text) {
      const order = getOrder(orderId);
      if (!order) throw new Error(`Sandbox order ${orderId} does not exist`);
      order.staff_notes = text;
      touch(order);
    },
    updateOrder(orderId, changes) {
      const order = getOrder(orderId);
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

  const people = new Map(customers.map((customer, index) => [customer.id, customerPeople[index]!]));
  const internals: SandboxDataInternals = {
    ctx,
    now,
    personOf: (customerId) => people.get(customerId),
    nextOrderId: () =>
      Math.max(orders[orders.length - 1]?.id ?? firstOrderId - 1, bulk ? bulk.firstId + bulk.count - 1 : 0) +
      1,
    insertOrder(built) {
      const { order } = built;
      orders.push(order);
      orderById.set(order.id, order);
      productsByOrder.set(order.id, built.lines);
      if (built.shippingAddresses.length) addressesByOrder.set(order.id, built.shippingAddresses);
      if (built.shipments.length) shipmentsByOrder.set(order.id, built.shipments);
      if (built.coupons.length) couponsByOrder.set(order.id, built.coupons);
      if (built.transactions.length) transactionsByOrder.set(order.id, built.transactions);
      if (built.refunds.length) refundsByOrder.set(order.id, built.refunds);
      if (order.customer_id) {
        const own = byCustomer.get(order.customer_id);
        if (own) own.push(order);
        else byCustomer.set(order.customer_id, [order]);
      }
      const key = order.billing_address.email.toLowerCase();
      const list = byEmail.get(key);
      if (list) list.push(order);
      else byEmail.set(key, [order]);
    },
    touchOrder: touch,
    touchCustomer(customer) {
      const previous = Date.parse(customer.date_modified);
      customer.date_modified = formatIso(Math.max(now(), previous + 1000));
    },
    ownSubResources(orderId) {
      if (!bulk?.has(orderId) || productsByOrder.has(orderId)) return;
      productsByOrder.set(orderId, bulk.lines(orderId));
      addressesByOrder.set(orderId, bulk.shippingAddresses(orderId));
    },
  };
  return { data, internals };
}
