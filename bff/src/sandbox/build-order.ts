// Builds one order and its sub-resources (lines, shipping addresses, coupons, shipments, payments) from a draft.
// PRNG draws happen in a fixed order, so the same seed always yields the same order.
import { formatMoneyV2, formatRfc2822 } from './format.js';
import type { Draft } from './order-draft.js';
import { buildPayments } from './build-payments.js';
import { buildShipments } from './build-shipments.js';
import type { SeedContext } from './seed-context.js';
import type { CatalogProduct } from './seed-catalog.js';
import { foldToAscii, type Person } from './seed-people.js';
import { createUuid, weighted } from './seed-random.js';
import { clampToBase, HOUR } from './seed-time.js';
import type {
  RawCoupon,
  RawOrder,
  RawOrderProduct,
  RawRefund,
  RawShipment,
  RawShippingAddress,
  RawTransaction,
} from './types.js';

export interface BuiltOrder {
  order: RawOrder;
  lines: RawOrderProduct[];
  shippingAddresses: RawShippingAddress[];
  shipments: RawShipment[];
  coupons: RawCoupon[];
  transactions: RawTransaction[];
  refunds: RawRefund[];
}

export function buildOrder(ctx: SeedContext, id: number, draft: Draft): BuiltOrder {
  const { spec, profile, prng, statuses, counters } = ctx;
  const { makePerson, toAddress } = ctx.people;
  const coupons: RawCoupon[] = [];

  const priceLine = (product: CatalogProduct, taxRate: number): { ex: number; inc: number; tax: number } => {
    if (profile.store.priceEnteredWithTax) {
      const inc = product.priceCents;
      const ex = Math.round(inc / (1 + taxRate));
      return { ex, inc, tax: inc - ex };
    }
    const ex = product.priceCents;
    const tax = Math.round(ex * taxRate);
    return { ex, inc: ex + tax, tax };
  };

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
  const cents = (line: RawOrderProduct, field: 'total_inc_tax' | 'total_ex_tax' | 'price_inc_tax'): number =>
    Math.round(Number(line[field]) * 100);

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
    coupons.push({
      id: counters.coupon++,
      coupon_id: coupon.pct,
      order_id: id,
      code: coupon.code,
      amount: coupon.pct,
      type: 1,
      discount: couponCents / 100,
    });
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
  const { shipments, shippedBeforeRefund, fullyShipped, lastShipped } = buildShipments(ctx, {
    id,
    draft,
    channel,
    lines,
    shippingAddresses,
    digitalOnly,
  });
  modified = Math.max(modified, lastShipped);

  const { paymentMethod, paymentStatus, transactions, refunds, refundedCents, latestActivity } =
    buildPayments(ctx, {
      id,
      draft,
      channel,
      lines,
      shippingAddresses,
      totalInc,
      totalTax,
      lastShipped,
      shippedBeforeRefund,
    });
  modified = Math.max(modified, latestActivity);

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

  const link = (resource: string): { url: string; resource: string } => ({
    url: `https://api.bigcommerce.com/stores/${spec.hash}/v2/orders/${id}/${resource}`,
    resource: `/orders/${id}/${resource}`,
  });
  const order: RawOrder = {
    id,
    customer_id: draft.customerId,
    date_created: formatRfc2822(draft.createdMs),
    date_modified: formatRfc2822(clampToBase(Math.max(modified, draft.sequenceMs))),
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
    payment_method: paymentMethod,
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
    currency_code: channel.currency,
    currency_exchange_rate: channel.exchangeRate,
    default_currency_id: channel.currencyId,
    default_currency_code: channel.currency,
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
              value: profile.region === 'eu' ? 'Bitte nicht klingeln (Baby schläft)' : 'Leave by the garage',
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
  return { order, lines, shippingAddresses, shipments, coupons, transactions, refunds };
}
