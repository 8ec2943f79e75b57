/**
 * BFF-private schemas for what we read from BigCommerce. Each parses one raw (snake_case) record and
 * produces the normalized camelCase type from types.ts. They are tolerant where BigCommerce is known to vary
 * (old/new field names, null vs "" for unset text, missing secondary amounts) and strict where a wrong value
 * would mislead an agent (ids, grand totals, currency, dates that are present).
 *
 * Field names: https://developer.bigcommerce.com/docs/rest-management/orders,
 * .../orders/order-transactions, .../orders/payment-actions, .../customers, .../store-information.
 */
import * as z from 'zod';
import { toIsoDateTime } from './dates.js';
import { toDecimalString } from './money.js';
import type {
  BcAddress,
  BcCoupon,
  BcCustomer,
  BcLineItem,
  BcOrder,
  BcOrderStatus,
  BcCustomerGroup,
  BcRefund,
  BcShipment,
  BcShippingAddress,
  BcTransaction,
} from './types.js';

// ---- field building blocks -------------------------------------------------------------------------------

const positiveId = z.number().int().positive();
const int = z.number().int();
/** Counts that older payloads may omit. */
const countOrZero = z
  .number()
  .int()
  .nonnegative()
  .nullish()
  .transform((value) => value ?? 0);
/** BigCommerce uses 0 as "none" for references such as return_id and order_address_id. */
const referenceOrNull = z
  .number()
  .int()
  .nonnegative()
  .nullish()
  .transform((value) => (value ? value : null));
const intOrNull = z
  .number()
  .int()
  .nullish()
  .transform((value) => value ?? null);
/** Unset text arrives as "", null or not at all; downstream always sees "". */
const text = z
  .string()
  .nullish()
  .transform((value) => value ?? '');
const flag = z
  .boolean()
  .nullish()
  .transform((value) => value ?? false);

const amount = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const decimal = toDecimalString(value);
  if (decimal === null) {
    ctx.addIssue({ code: 'custom', message: 'Expected a decimal amount' });
    return z.NEVER;
  }
  return decimal;
});
/** Secondary amounts (handling, wrapping, coupons …) that older payloads omit mean "none". */
const amountOrZero = amount.nullish().transform((value) => value ?? '0.00');
const amountOrNull = amount.nullish().transform((value) => value ?? null);

const currencyCode = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 currency code'));

function parseDate(value: string, ctx: z.RefinementCtx): string {
  const iso = toIsoDateTime(value);
  if (iso === null) {
    ctx.addIssue({ code: 'custom', message: 'Expected an RFC 2822 or ISO 8601 date' });
    return z.NEVER;
  }
  return iso;
}
/** "" (e.g. date_shipped of an unshipped order) and null mean "no date". */
const dateOrNull = z
  .string()
  .nullish()
  .transform((value, ctx) => (value == null || value.trim() === '' ? null : parseDate(value, ctx)));
const requiredDate = z.string().transform((value, ctx) => parseDate(value, ctx));

/** transaction.order_id is a string in v3 ("250"); accept either spelling of a positive integer. */
const idLike = z.union([positiveId, z.string().regex(/^\d+$/, 'Expected a numeric id').transform(Number)]);

const rawAddress = z.object({
  first_name: text,
  last_name: text,
  company: text,
  street_1: text,
  street_2: text,
  city: text,
  state: text,
  zip: text,
  country: text,
  country_iso2: text,
  phone: text,
  email: text,
});
type RawAddress = z.output<typeof rawAddress>;

function toAddress(raw: RawAddress | null | undefined): BcAddress {
  return {
    firstName: raw?.first_name ?? '',
    lastName: raw?.last_name ?? '',
    company: raw?.company ?? '',
    street1: raw?.street_1 ?? '',
    street2: raw?.street_2 ?? '',
    city: raw?.city ?? '',
    state: raw?.state ?? '',
    zip: raw?.zip ?? '',
    country: raw?.country ?? '',
    countryIso2: raw?.country_iso2 ?? '',
    phone: raw?.phone ?? '',
    email: raw?.email ?? '',
  };
}

// ---- records ---------------------------------------------------------------------------------------------

export const customerSchema = z
  .object({
    id: positiveId,
    email: z.string(),
    first_name: text,
    last_name: text,
    company: text,
    phone: text,
    customer_group_id: intOrNull,
    notes: text,
    date_created: dateOrNull,
    date_modified: dateOrNull,
    channel_ids: z.array(int).nullish(),
    origin_channel_id: intOrNull,
    // Only with `include=addresses`. What we read of it (a place to tell namesakes apart) is secondary: a list we
    // cannot read leaves the place unknown instead of the whole shopper unreadable.
    addresses: z
      .array(z.object({ city: text, country_code: text }))
      .nullish()
      .catch(null),
  })
  .transform((raw): BcCustomer => ({
    id: raw.id,
    email: raw.email,
    firstName: raw.first_name,
    lastName: raw.last_name,
    company: raw.company,
    phone: raw.phone,
    customerGroupId: raw.customer_group_id,
    notes: raw.notes,
    dateCreated: raw.date_created,
    dateModified: raw.date_modified,
    channelIds: raw.channel_ids ?? null,
    originChannelId: raw.origin_channel_id,
    place: raw.addresses?.[0]
      ? { city: raw.addresses[0].city, countryIso2: raw.addresses[0].country_code.toUpperCase() }
      : null,
  }));

export const orderSchema = z
  .object({
    id: positiveId,
    customer_id: countOrZero,
    status_id: z.number().int().nonnegative(),
    status: text,
    custom_status: text,
    payment_status: text,
    payment_method: text,
    payment_provider_id: z
      .union([z.string(), z.number()])
      .nullish()
      .transform((value) => (value == null ? '' : String(value))),
    currency_code: currencyCode,
    default_currency_code: text,
    currency_exchange_rate: amountOrNull,
    // Orders predating multi-storefront have no channel; they belong to the hosted storefront, channel 1.
    channel_id: z
      .number()
      .int()
      .positive()
      .nullish()
      .transform((value) => value ?? 1),
    date_created: requiredDate,
    date_modified: dateOrNull,
    date_shipped: dateOrNull,
    staff_notes: text,
    customer_message: text,
    items_total: countOrZero,
    items_shipped: countOrZero,
    shipping_address_count: countOrZero,
    order_source: text,
    customer_locale: text,
    is_deleted: flag,
    subtotal_ex_tax: amount,
    subtotal_inc_tax: amount,
    subtotal_tax: amountOrZero,
    shipping_cost_ex_tax: amountOrZero,
    shipping_cost_inc_tax: amountOrZero,
    shipping_cost_tax: amountOrZero,
    handling_cost_ex_tax: amountOrZero,
    handling_cost_inc_tax: amountOrZero,
    handling_cost_tax: amountOrZero,
    wrapping_cost_ex_tax: amountOrZero,
    wrapping_cost_inc_tax: amountOrZero,
    wrapping_cost_tax: amountOrZero,
    total_ex_tax: amount,
    total_inc_tax: amount,
    // Missing from the 2021 spec's order_Shared, present in payloads and the current spec.
    total_tax: amountOrZero,
    discount_amount: amountOrZero,
    coupon_discount: amountOrZero,
    store_credit_amount: amountOrZero,
    gift_certificate_amount: amountOrZero,
    refunded_amount: amountOrZero,
    billing_address: rawAddress.nullish(),
  })
  .transform((raw): BcOrder => ({
    id: raw.id,
    customerId: raw.customer_id,
    statusId: raw.status_id,
    status: raw.status,
    customStatus: raw.custom_status,
    paymentStatus: raw.payment_status,
    paymentMethod: raw.payment_method,
    paymentProviderId: raw.payment_provider_id,
    currencyCode: raw.currency_code,
    defaultCurrencyCode: raw.default_currency_code,
    currencyExchangeRate: raw.currency_exchange_rate,
    channelId: raw.channel_id,
    dateCreated: raw.date_created,
    dateModified: raw.date_modified,
    dateShipped: raw.date_shipped,
    staffNotes: raw.staff_notes,
    customerMessage: raw.customer_message,
    itemsTotal: raw.items_total,
    itemsShipped: raw.items_shipped,
    shippingAddressCount: raw.shipping_address_count,
    orderSource: raw.order_source,
    customerLocale: raw.customer_locale,
    isDeleted: raw.is_deleted,
    totals: {
      subtotalExTax: raw.subtotal_ex_tax,
      subtotalIncTax: raw.subtotal_inc_tax,
      subtotalTax: raw.subtotal_tax,
      shippingCostExTax: raw.shipping_cost_ex_tax,
      shippingCostIncTax: raw.shipping_cost_inc_tax,
      shippingCostTax: raw.shipping_cost_tax,
      handlingCostExTax: raw.handling_cost_ex_tax,
      handlingCostIncTax: raw.handling_cost_inc_tax,
      handlingCostTax: raw.handling_cost_tax,
      wrappingCostExTax: raw.wrapping_cost_ex_tax,
      wrappingCostIncTax: raw.wrapping_cost_inc_tax,
      wrappingCostTax: raw.wrapping_cost_tax,
      totalExTax: raw.total_ex_tax,
      totalIncTax: raw.total_inc_tax,
      totalTax: raw.total_tax,
      discountAmount: raw.discount_amount,
      couponDiscount: raw.coupon_discount,
      storeCreditAmount: raw.store_credit_amount,
      giftCertificateAmount: raw.gift_certificate_amount,
      refundedAmount: raw.refunded_amount,
    },
    billingAddress: toAddress(raw.billing_address),
  }));

const productOption = z.object({
  display_name: text,
  display_value: text,
  display_name_customer: text,
  display_value_customer: text,
});

export const lineItemSchema = z
  .object({
    id: positiveId,
    order_id: positiveId,
    // Custom (non-catalog) line items carry product_id 0.
    product_id: z.number().int().nonnegative(),
    variant_id: referenceOrNull,
    order_address_id: referenceOrNull,
    name: text,
    sku: text,
    type: text,
    quantity: z.number().int().nonnegative(),
    quantity_shipped: countOrZero,
    // Current API: quantity_refunded + refund_amount; the 2021 spec: refunded_amount. Read whichever is present.
    quantity_refunded: countOrZero,
    refund_amount: amountOrNull,
    refunded_amount: amountOrNull,
    is_refunded: flag,
    return_id: referenceOrNull,
    base_price: amountOrZero,
    price_ex_tax: amount,
    price_inc_tax: amount,
    price_tax: amountOrZero,
    total_ex_tax: amount,
    total_inc_tax: amount,
    total_tax: amountOrZero,
    discounted_total_inc_tax: amountOrNull,
    product_options: z.array(productOption).nullish(),
    parent_order_product_id: referenceOrNull,
  })
  .transform((raw): BcLineItem => ({
    id: raw.id,
    orderId: raw.order_id,
    productId: raw.product_id,
    variantId: raw.variant_id,
    orderAddressId: raw.order_address_id,
    name: raw.name,
    sku: raw.sku,
    type: raw.type,
    quantity: raw.quantity,
    quantityShipped: raw.quantity_shipped,
    quantityRefunded: raw.quantity_refunded,
    refundAmount: raw.refund_amount ?? raw.refunded_amount ?? '0.00',
    isRefunded: raw.is_refunded,
    returnId: raw.return_id,
    basePrice: raw.base_price,
    priceExTax: raw.price_ex_tax,
    priceIncTax: raw.price_inc_tax,
    priceTax: raw.price_tax,
    totalExTax: raw.total_ex_tax,
    totalIncTax: raw.total_inc_tax,
    totalTax: raw.total_tax,
    discountedTotalIncTax: raw.discounted_total_inc_tax,
    productOptions: (raw.product_options ?? []).map((option) => ({
      displayName: option.display_name || option.display_name_customer,
      displayValue: option.display_value || option.display_value_customer,
    })),
    parentOrderProductId: raw.parent_order_product_id,
  }));

export const shippingAddressSchema = z
  .object({
    ...rawAddress.shape,
    id: positiveId,
    order_id: positiveId,
    shipping_method: text,
    items_total: countOrZero,
    items_shipped: countOrZero,
    base_cost: amountOrZero,
    cost_ex_tax: amountOrZero,
    cost_inc_tax: amountOrZero,
    cost_tax: amountOrZero,
    shipping_zone_name: text,
  })
  .transform((raw): BcShippingAddress => ({
    ...toAddress(raw),
    id: raw.id,
    orderId: raw.order_id,
    shippingMethod: raw.shipping_method,
    itemsTotal: raw.items_total,
    itemsShipped: raw.items_shipped,
    baseCost: raw.base_cost,
    costExTax: raw.cost_ex_tax,
    costIncTax: raw.cost_inc_tax,
    costTax: raw.cost_tax,
    shippingZoneName: raw.shipping_zone_name,
  }));

export const shipmentSchema = z
  .object({
    id: positiveId,
    order_id: positiveId,
    order_address_id: referenceOrNull,
    date_created: dateOrNull,
    tracking_number: text,
    // tracking_link holds only a custom link since 2022; the carrier/AfterShip link is generated_tracking_link.
    tracking_link: text,
    generated_tracking_link: text,
    shipping_provider: text,
    shipping_provider_display_name: text,
    tracking_carrier: text,
    shipping_method: text,
    comments: text,
    items: z
      .array(
        z.object({
          order_product_id: positiveId,
          product_id: intOrNull,
          quantity: z.number().int().nonnegative(),
        }),
      )
      .nullish(),
  })
  .transform((raw): BcShipment => ({
    id: raw.id,
    orderId: raw.order_id,
    orderAddressId: raw.order_address_id,
    dateCreated: raw.date_created,
    trackingNumber: raw.tracking_number,
    trackingLink: raw.tracking_link.trim() || raw.generated_tracking_link.trim() || null,
    carrier: raw.shipping_provider_display_name || raw.tracking_carrier || raw.shipping_provider,
    shippingProvider: raw.shipping_provider,
    trackingCarrier: raw.tracking_carrier,
    shippingMethod: raw.shipping_method,
    comments: raw.comments,
    items: (raw.items ?? []).map((item) => ({
      orderProductId: item.order_product_id,
      productId: item.product_id,
      quantity: item.quantity,
    })),
  }));

export const transactionSchema = z
  .object({
    id: positiveId,
    order_id: idLike,
    event: text,
    method: text,
    amount,
    currency: currencyCode,
    gateway: text,
    gateway_transaction_id: z
      .union([z.string(), z.number()])
      .nullish()
      .transform((value) => (value == null ? '' : String(value))),
    status: text,
    test: flag,
    date_created: dateOrNull,
    credit_card: z.object({ card_type: text, card_last4: text }).nullish(),
    offline: z.object({ display_name: text }).nullish(),
    custom: z.object({ payment_method: text }).nullish(),
  })
  .transform((raw): BcTransaction => ({
    id: raw.id,
    orderId: raw.order_id,
    event: raw.event,
    method: raw.method,
    amount: raw.amount,
    currency: raw.currency,
    gateway: raw.gateway,
    gatewayTransactionId: raw.gateway_transaction_id,
    status: raw.status,
    test: raw.test,
    dateCreated: raw.date_created,
    cardType: raw.credit_card?.card_type || null,
    cardLast4: raw.credit_card?.card_last4 || null,
    methodLabel: raw.offline?.display_name || raw.custom?.payment_method || null,
  }));

export const refundSchema = z
  .object({
    id: positiveId,
    order_id: positiveId,
    user_id: intOrNull,
    created: dateOrNull,
    reason: text,
    total_amount: amount,
    total_tax: amountOrZero,
    items: z
      .array(
        z.object({
          item_type: text,
          item_id: int,
          reason: text,
          quantity: intOrNull,
          requested_amount: amountOrNull,
        }),
      )
      .nullish(),
    payments: z
      .array(
        z.object({
          id: int,
          provider_id: text,
          amount,
          offline: flag,
          is_declined: flag,
          declined_message: text,
        }),
      )
      .nullish(),
  })
  .transform((raw): BcRefund => ({
    id: raw.id,
    orderId: raw.order_id,
    userId: raw.user_id,
    dateCreated: raw.created,
    reason: raw.reason,
    totalAmount: raw.total_amount,
    totalTax: raw.total_tax,
    items: (raw.items ?? []).map((item) => ({
      itemType: item.item_type,
      itemId: item.item_id,
      reason: item.reason,
      quantity: item.quantity,
      requestedAmount: item.requested_amount,
    })),
    payments: (raw.payments ?? []).map((payment) => ({
      id: payment.id,
      providerId: payment.provider_id,
      amount: payment.amount,
      offline: payment.offline,
      isDeclined: payment.is_declined,
      declinedMessage: payment.declined_message,
    })),
  }));

/** `GET /v2/orders/{id}/coupons` (AS o2 `orderCoupons_Base`): `discount` is what the coupon took off the order. */
export const couponSchema = z
  .object({ code: text, discount: amountOrZero })
  .transform((raw): BcCoupon => ({ code: raw.code, discount: raw.discount.replace(/^-/, '') }));

// customers.v2.yml `customerGroup_Full`; the rest (discount rules, category access) is not ours to show.
export const customerGroupSchema = z
  .object({ id: z.number().int().positive(), name: text })
  .transform((raw): BcCustomerGroup => ({ id: raw.id, name: raw.name }));

export const orderStatusSchema = z
  .object({
    id: z.number().int().nonnegative(),
    name: text,
    system_label: text,
    custom_label: text,
    system_description: text,
    order: countOrZero,
  })
  .transform((raw): BcOrderStatus => ({
    id: raw.id,
    name: raw.name,
    systemLabel: raw.system_label,
    customLabel: raw.custom_label || raw.system_label || raw.name,
    systemDescription: raw.system_description,
    sortOrder: raw.order,
  }));

/** `GET /v2/orders/count` (`ordersCount_Full`): the total and a count per status. */
export const orderCountSchema = z
  .object({
    count: z.number().int().nonnegative(),
    statuses: z
      .array(z.object({ id: z.number().int().nonnegative(), count: z.number().int().nonnegative() }))
      .default([]),
  })
  .transform((raw) => ({
    count: raw.count,
    byStatus: new Map(raw.statuses.map((status) => [status.id, status.count] as const)),
  }));

// ---- envelopes -------------------------------------------------------------------------------------------

/** v2 lists are bare arrays. */
export const v2ListEnvelope = z.array(z.unknown());

/** v3 lists are {data, meta.pagination}. */
export const v3ListEnvelope = z.object({
  data: z.array(z.unknown()),
  meta: z
    .object({
      pagination: z
        .object({ current_page: z.number().int(), total_pages: z.number().int().nonnegative() })
        .nullish(),
    })
    .nullish(),
});

/** `GET /v2/time` answers {"time": <unix seconds>}. */
export const timeEnvelope = z.object({ time: z.number() });
