/**
 * The normalized, camelCase shapes the rest of the BFF reads. Produced only by the schemas in schemas.ts.
 *
 * Conventions:
 * - Money is an exact decimal string with at least two decimals ("361.95", "0.00", "1.125"); never a float.
 * - Dates are ISO 8601 strings with an offset ("2019-03-05T21:40:11+00:00"), or null where BigCommerce sends "".
 * - Missing optional text is "" (BigCommerce itself sends "" for unset text fields).
 */

/** pino-compatible: `logger.warn({ ...fields }, 'message')`. */
export interface BigCommerceLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
}

export interface BcAddress {
  firstName: string;
  lastName: string;
  company: string;
  street1: string;
  street2: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  countryIso2: string;
  phone: string;
  email: string;
}

/** Customers v3 record. */
export interface BcCustomer {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  phone: string;
  customerGroupId: number | null;
  notes: string;
  dateCreated: string | null;
  dateModified: string | null;
  /** null = may log in on every channel. */
  channelIds: number[] | null;
  originChannelId: number | null;
  /**
   * Where the shopper lives: their first address's city and country, when the record was read with
   * `include=addresses` and has one; else null.
   */
  place: BcPlace | null;
}

export interface BcPlace {
  city: string;
  /** ISO 3166-1 alpha-2, or "". */
  countryIso2: string;
}

export interface BcOrderTotals {
  subtotalExTax: string;
  subtotalIncTax: string;
  subtotalTax: string;
  shippingCostExTax: string;
  shippingCostIncTax: string;
  shippingCostTax: string;
  handlingCostExTax: string;
  handlingCostIncTax: string;
  handlingCostTax: string;
  wrappingCostExTax: string;
  wrappingCostIncTax: string;
  wrappingCostTax: string;
  totalExTax: string;
  /** The grand total. */
  totalIncTax: string;
  totalTax: string;
  /** Manual discount. */
  discountAmount: string;
  couponDiscount: string;
  storeCreditAmount: string;
  giftCertificateAmount: string;
  refundedAmount: string;
}

/** Orders v2 record (header only; line items etc. are separate calls). */
export interface BcOrder {
  id: number;
  /** 0 for guest orders. */
  customerId: number;
  /** Logic keys on this; 0 = Incomplete (abandoned checkout). */
  statusId: number;
  /** BigCommerce's system name for the status. */
  status: string;
  /** The merchant's own label; "" when not renamed or not sent. */
  customStatus: string;
  paymentStatus: string;
  paymentMethod: string;
  paymentProviderId: string;
  /** Display currency. */
  currencyCode: string;
  /** Transactional currency (what the shopper paid in); "" when not sent. */
  defaultCurrencyCode: string;
  currencyExchangeRate: string | null;
  channelId: number;
  dateCreated: string;
  dateModified: string | null;
  dateShipped: string | null;
  staffNotes: string;
  customerMessage: string;
  itemsTotal: number;
  itemsShipped: number;
  shippingAddressCount: number;
  orderSource: string;
  customerLocale: string;
  isDeleted: boolean;
  totals: BcOrderTotals;
  billingAddress: BcAddress;
}

export interface BcProductOption {
  displayName: string;
  displayValue: string;
}

/** Orders v2 line item (order product). */
export interface BcLineItem {
  /** The order-product id that shipments and refunds refer to. */
  id: number;
  orderId: number;
  productId: number;
  variantId: number | null;
  /** Which shipping address this line ships to. */
  orderAddressId: number | null;
  name: string;
  sku: string;
  type: string;
  quantity: number;
  quantityShipped: number;
  /** From `quantity_refunded` (current API); 0 when absent. */
  quantityRefunded: number;
  /** From `refund_amount` (current API) or `refunded_amount` (older payloads). */
  refundAmount: string;
  isRefunded: boolean;
  /** null when the line is not part of a return (BigCommerce sends 0). */
  returnId: number | null;
  basePrice: string;
  priceExTax: string;
  priceIncTax: string;
  priceTax: string;
  totalExTax: string;
  totalIncTax: string;
  totalTax: string;
  /** Line total after all discounts incl. tax; null on payloads that predate the field. */
  discountedTotalIncTax: string | null;
  productOptions: BcProductOption[];
  parentOrderProductId: number | null;
}

export interface BcShippingAddress extends BcAddress {
  id: number;
  orderId: number;
  /** The shipping option the shopper chose (e.g. "Free Shipping"). */
  shippingMethod: string;
  itemsTotal: number;
  itemsShipped: number;
  baseCost: string;
  costExTax: string;
  costIncTax: string;
  costTax: string;
  shippingZoneName: string;
}

export interface BcShipmentItem {
  orderProductId: number;
  productId: number | null;
  quantity: number;
}

export interface BcShipment {
  id: number;
  orderId: number;
  orderAddressId: number | null;
  dateCreated: string | null;
  trackingNumber: string;
  /** `tracking_link` (a custom link) or else `generated_tracking_link` (carrier/AfterShip); null when neither. */
  trackingLink: string | null;
  /** A readable carrier: shipping_provider_display_name || tracking_carrier || shipping_provider. */
  carrier: string;
  shippingProvider: string;
  trackingCarrier: string;
  shippingMethod: string;
  comments: string;
  items: BcShipmentItem[];
}

/** Transactions v3 record. */
export interface BcTransaction {
  id: number;
  orderId: number;
  event: string;
  method: string;
  amount: string;
  currency: string;
  gateway: string;
  gatewayTransactionId: string;
  status: string;
  test: boolean;
  dateCreated: string | null;
  cardType: string | null;
  cardLast4: string | null;
  /** For offline/custom methods: the merchant's label for it. */
  methodLabel: string | null;
}

export interface BcRefundItem {
  itemType: string;
  itemId: number;
  reason: string;
  quantity: number | null;
  requestedAmount: string | null;
}

export interface BcRefundPayment {
  id: number;
  providerId: string;
  amount: string;
  offline: boolean;
  isDeclined: boolean;
  declinedMessage: string;
}

/** Refunds v3 record. */
export interface BcRefund {
  id: number;
  orderId: number;
  userId: number | null;
  dateCreated: string | null;
  reason: string;
  totalAmount: string;
  totalTax: string;
  items: BcRefundItem[];
  payments: BcRefundPayment[];
}

/** `GET /v2/store`. */
/** `GET /v2/customer_groups`: only what the product shows. */
export interface BcCustomerGroup {
  id: number;
  name: string;
}

/** `GET /v2/order_statuses`. */
/** A coupon redeemed on an order (`GET /v2/orders/{id}/coupons`): its code and what it took off. */
export interface BcCoupon {
  code: string;
  /** Decimal string, positive: the amount taken off. */
  discount: string;
}

export interface BcOrderStatus {
  id: number;
  name: string;
  systemLabel: string;
  /** The merchant's label; show this. */
  customLabel: string;
  systemDescription: string;
  sortOrder: number;
}
