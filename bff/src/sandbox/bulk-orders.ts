// A big store for the benchmark (`bulkOrders` in the store spec): N extra orders spread over the 90 days
// before the base date, kept as a few typed-array columns (about 30 bytes an order) and turned into
// BigCommerce-shaped records only when a request reads them. 100,000 orders cost a few MB instead of the
// hundreds a fully built order each would. Bulk orders are guest orders on channel 1, paid with a gateway
// that records no transactions, in open or cancelled statuses (no shipments or refunds to invent); each
// has one line item and one shipping address, derived on demand. A written order (PUT, mutations) is kept
// as a real record from then on, and its filter columns follow it.
import { formatMoneyV2, formatRfc2822 } from './format.js';
import { createPrng } from './prng.js';
import type { SandboxStoreSpec } from './sandbox-store-spec.js';
import type { RegionProfile } from './seed-catalog.js';
import { createPeople } from './seed-people.js';
import { weighted } from './seed-random.js';
import { SANDBOX_BASE_DATE_MS } from './seed-time.js';
import type { RawAddress, RawOrder, RawOrderProduct, RawOrderStatus, RawShippingAddress } from './types.js';

/** Id ranges far above the seed's, so derived line and address ids never meet counter-made ones. */
const LINE_ID_BASE = 10_000_000;
const ADDRESS_ID_BASE = 20_000_000;
const BULK_STATUSES: [number, number][] = [
  [11, 40],
  [9, 15],
  [7, 15],
  [1, 5],
  [5, 10],
  [12, 5],
  [0, 10],
];
const PAYMENT_STATUS: Record<number, string> = {
  0: '',
  1: 'pending',
  5: 'void',
  7: 'pending',
  9: 'captured',
  11: 'captured',
  12: 'held for review',
};

export type BulkSortField = 'date_created' | 'date_modified';

export interface BulkOrders {
  readonly firstId: number;
  readonly count: number;
  /** Epoch ms per index (index = id - firstId); modified follows writes. */
  readonly created: Float64Array;
  readonly modified: Float64Array;
  readonly status: Uint8Array;
  /** Index into `emails` (the billing email of each order). */
  readonly shopper: Uint16Array;
  readonly emails: readonly string[];
  has(id: number): boolean;
  /** The order as served: the written record if there is one, else a fresh materialised copy. */
  get(id: number): RawOrder | undefined;
  /** Keeps a written order and moves its filter columns along. */
  commit(order: RawOrder): void;
  lines(id: number): RawOrderProduct[];
  shippingAddresses(id: number): RawShippingAddress[];
  /** Index of a (lower-case) billing email in `emails`, -1 when no bulk order uses it. */
  emailIndex(email: string): number;
  /** Indices ordered by (field, id) ascending; cached until the next commit. */
  sortedBy(field: BulkSortField): Uint32Array;
}

export interface BulkOrdersInput {
  spec: SandboxStoreSpec;
  profile: RegionProfile;
  statuses: readonly RawOrderStatus[];
  firstId: number;
  count: number;
}

export function createBulkOrders(input: BulkOrdersInput): BulkOrders {
  const { spec, profile, statuses, firstId, count } = input;
  const prng = createPrng(spec.seed * 104_729 + 7);
  const channel = profile.channels[0]!;
  const physical = profile.products.filter((p) => !p.digital);
  const methods = channel.methods.filter((m) => !m.pickup);
  const gateway = profile.gateways.find((g) => g.gateway === null && !g.offline) ?? profile.gateways[0]!;

  // A pool of guest shoppers on a domain of their own, so bulk orders never join a persona's email.
  const people = createPeople(createPrng(spec.seed * 31 + 3), profile);
  const shopperCount = Math.max(1, Math.min(2000, Math.ceil(count / 50)));
  const billing: RawAddress[] = [];
  const emails: string[] = [];
  for (let k = 0; k < shopperCount; k++) {
    const person = people.makePerson(0, false);
    person.email = `${person.email.split('@')[0] ?? 'shopper'}.b${k}@bulk.example`;
    billing.push(people.toAddress(person));
    emails.push(person.email.toLowerCase());
  }
  const emailToIndex = new Map(emails.map((email, index) => [email, index]));

  // Ids follow creation time, as BigCommerce numbers orders when they are placed.
  const created = new Float64Array(count);
  for (let i = 0; i < count; i++) created[i] = SANDBOX_BASE_DATE_MS - prng.int(60, 90 * 86_400) * 1000;
  created.sort();
  const modified = new Float64Array(count);
  const status = new Uint8Array(count);
  const shopper = new Uint16Array(count);
  for (let i = 0; i < count; i++) {
    modified[i] = Math.min(created[i]! + prng.int(60, 2 * 86_400) * 1000, SANDBOX_BASE_DATE_MS - 60_000);
    status[i] = weighted(prng, BULK_STATUSES);
    shopper[i] = prng.int(0, shopperCount - 1);
  }

  const written = new Map<number, RawOrder>();
  const sorted = new Map<BulkSortField, Uint32Array>();
  const indexOf = (id: number): number => (Number.isInteger(id) ? id - firstId : -1);
  const has = (id: number): boolean => indexOf(id) >= 0 && indexOf(id) < count;

  /** Per-order details that need no column: drawn from a PRNG seeded by the index, so always the same. */
  const details = (index: number) => {
    const dice = createPrng(spec.seed * 1_000_003 + index);
    const product = physical[index % physical.length]!;
    const method = methods[index % methods.length]!;
    const quantity = dice.int(1, 3);
    const taxRate = channel.taxRate;
    const unitInc = profile.store.priceEnteredWithTax
      ? product.priceCents
      : Math.round(product.priceCents * (1 + taxRate));
    const unitEx = profile.store.priceEnteredWithTax
      ? Math.round(product.priceCents / (1 + taxRate))
      : product.priceCents;
    const shipInc = method.costCents;
    const shipEx = profile.store.priceEnteredWithTax ? Math.round(shipInc / (1 + taxRate)) : shipInc;
    return { product, method, quantity, unitInc, unitEx, shipInc, shipEx, ip: dice.int(2, 254) };
  };

  const lines = (id: number): RawOrderProduct[] => {
    if (!has(id)) return [];
    const index = indexOf(id);
    const d = details(index);
    const lineId = LINE_ID_BASE + index;
    return [
      {
        id: lineId,
        order_id: id,
        product_id: d.product.productId,
        variant_id: d.product.productId * 100,
        order_address_id: ADDRESS_ID_BASE + index,
        name: d.product.name,
        name_customer: d.product.name,
        name_merchant: d.product.name,
        sku: d.product.sku,
        upc: '',
        type: 'physical',
        base_price: formatMoneyV2(d.unitEx),
        price_ex_tax: formatMoneyV2(d.unitEx),
        price_inc_tax: formatMoneyV2(d.unitInc),
        price_tax: formatMoneyV2(d.unitInc - d.unitEx),
        base_total: formatMoneyV2(d.unitEx * d.quantity),
        total_ex_tax: formatMoneyV2(d.unitEx * d.quantity),
        total_inc_tax: formatMoneyV2(d.unitInc * d.quantity),
        total_tax: formatMoneyV2((d.unitInc - d.unitEx) * d.quantity),
        discounted_total_inc_tax: formatMoneyV2(d.unitInc * d.quantity),
        weight: d.product.weight,
        quantity: d.quantity,
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
        brand: d.product.brand,
        applied_discounts: [],
        product_options: [],
      },
    ];
  };

  const shippingAddresses = (id: number): RawShippingAddress[] => {
    if (!has(id)) return [];
    const index = indexOf(id);
    const d = details(index);
    const addressId = ADDRESS_ID_BASE + index;
    return [
      {
        id: addressId,
        order_id: id,
        ...billing[shopper[index]!]!,
        items_total: d.quantity,
        items_shipped: 0,
        shipping_method: d.method.name,
        base_cost: formatMoneyV2(d.shipInc),
        cost_ex_tax: formatMoneyV2(d.shipEx),
        cost_inc_tax: formatMoneyV2(d.shipInc),
        cost_tax: formatMoneyV2(d.shipInc - d.shipEx),
        cost_tax_class_id: 2,
        base_handling_cost: '0.0000',
        handling_cost_ex_tax: '0.0000',
        handling_cost_inc_tax: '0.0000',
        handling_cost_tax: '0.0000',
        handling_cost_tax_class_id: 2,
        shipping_zone_id: 1,
        shipping_zone_name: billing[shopper[index]!]!.country,
        shipping_quotes: {
          url: `https://api.bigcommerce.com/stores/${spec.hash}/v2/orders/${id}/shipping_addresses/${addressId}/shipping_quotes`,
          resource: `/orders/${id}/shipping_addresses/${addressId}/shipping_quotes`,
        },
        form_fields: [],
      },
    ];
  };

  const materialise = (id: number): RawOrder => {
    const index = indexOf(id);
    const d = details(index);
    const statusId = status[index]!;
    const statusInfo = statuses.find((s) => s.id === statusId)!;
    const address = billing[shopper[index]!]!;
    const subtotalInc = d.unitInc * d.quantity;
    const subtotalEx = d.unitEx * d.quantity;
    const totalInc = subtotalInc + d.shipInc;
    const totalEx = subtotalEx + d.shipEx;
    const link = (resource: string): { url: string; resource: string } => ({
      url: `https://api.bigcommerce.com/stores/${spec.hash}/v2/orders/${id}/${resource}`,
      resource: `/orders/${id}/${resource}`,
    });
    return {
      id,
      customer_id: 0,
      date_created: formatRfc2822(created[index]!),
      date_modified: formatRfc2822(modified[index]!),
      date_shipped: '',
      status_id: statusId,
      status: statusInfo.name,
      custom_status: statusInfo.custom_label,
      subtotal_ex_tax: formatMoneyV2(subtotalEx),
      subtotal_inc_tax: formatMoneyV2(subtotalInc),
      subtotal_tax: formatMoneyV2(subtotalInc - subtotalEx),
      base_shipping_cost: formatMoneyV2(d.shipInc),
      shipping_cost_ex_tax: formatMoneyV2(d.shipEx),
      shipping_cost_inc_tax: formatMoneyV2(d.shipInc),
      shipping_cost_tax: formatMoneyV2(d.shipInc - d.shipEx),
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
      total_tax: formatMoneyV2(totalInc - totalEx),
      is_tax_inclusive_pricing: profile.store.priceEnteredWithTax,
      items_total: d.quantity,
      items_shipped: 0,
      payment_method: gateway.method,
      payment_provider_id: '',
      payment_status: PAYMENT_STATUS[statusId] ?? '',
      refunded_amount: '0.0000',
      order_is_digital: false,
      store_credit_amount: '0.0000',
      gift_certificate_amount: '0.0000',
      ip_address: `203.0.113.${d.ip}`,
      ip_address_v6: '',
      geoip_country: address.country,
      geoip_country_iso2: address.country_iso2,
      currency_id: channel.currencyId,
      currency_code: channel.currency,
      currency_exchange_rate: channel.exchangeRate,
      default_currency_id: channel.currencyId,
      default_currency_code: channel.currency,
      store_default_currency_code: profile.store.currency,
      store_default_to_transactional_exchange_rate: channel.exchangeRate,
      staff_notes: '',
      customer_message: '',
      discount_amount: '0.0000',
      coupon_discount: '0.0000',
      shipping_address_count: 1,
      is_deleted: false,
      ebay_order_id: '0',
      cart_id: '',
      billing_address: { ...address, form_fields: [] },
      is_email_opt_in: false,
      credit_card_type: null,
      order_source: channel.orderSource,
      channel_id: channel.id,
      external_source: channel.externalSource,
      external_id: null,
      external_merchant_id: null,
      external_order_id: '',
      tax_provider_id: 'BasicTaxProvider',
      customer_locale: channel.places[0]?.locale ?? 'en',
      products: link('products'),
      shipping_addresses: link('shipping_addresses'),
      coupons: link('coupons'),
    };
  };

  return {
    firstId,
    count,
    created,
    modified,
    status,
    shopper,
    emails,
    has,
    get: (id) => (has(id) ? (written.get(id) ?? materialise(id)) : undefined),
    commit(order) {
      if (!has(order.id)) return;
      const index = indexOf(order.id);
      written.set(order.id, order);
      modified[index] = Date.parse(order.date_modified);
      status[index] = order.status_id;
      sorted.delete('date_modified');
    },
    lines,
    shippingAddresses,
    emailIndex: (email) => emailToIndex.get(email.trim().toLowerCase()) ?? -1,
    sortedBy(field) {
      let order = sorted.get(field);
      if (!order) {
        const column = field === 'date_created' ? created : modified;
        order = new Uint32Array(count);
        for (let i = 0; i < count; i++) order[i] = i;
        order.sort((a, b) => column[a]! - column[b]! || a - b);
        sorted.set(field, order);
      }
      return order;
    },
  };
}

/** First bulk id for a store whose seeded orders start at `firstOrderId` (clear of unknownOrderId). */
export function bulkFirstId(firstOrderId: number): number {
  return firstOrderId + 200_000;
}
