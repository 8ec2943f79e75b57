import type {
  Address,
  LineItem,
  Money,
  OrderDetail,
  OrderSummary,
  Refund,
  Shipment,
  ShippingAddress,
  Totals,
  Transaction,
} from '../../../shared/index.js';
import type {
  BcAddress,
  BcCoupon,
  BcLineItem,
  BcOrder,
  BcRefund,
  BcShipment,
  BcShippingAddress,
  BcTransaction,
} from '../bigcommerce/index.js';
import { parseStaffNotes } from '../notes/staff-notes-format.js';
import { addDecimals } from './decimal.js';
import { toOrderStatus } from './order-status.js';

/**
 * Pure mapping from normalized BigCommerce records to the widget's DTOs. Amounts stay decimal strings;
 * nothing here does arithmetic on floats.
 */

/**
 * The currency the order's amounts are in. BigCommerce's docs call `default_currency_code` the transactional
 * currency (what the shopper paid in) and `currency_code` the display currency:
 * https://developer.bigcommerce.com/docs/rest-management/orders (order object, currency fields).
 */
export function orderCurrency(order: BcOrder): string {
  return order.defaultCurrencyCode || order.currencyCode;
}

export function toOrderSummary(order: BcOrder): OrderSummary {
  return {
    id: order.id,
    dateCreated: order.dateCreated,
    status: toOrderStatus(order.statusId, order.status, order.customStatus),
    paymentStatus: order.paymentStatus,
    total: money(order.totals.totalIncTax, orderCurrency(order)),
    itemCount: order.itemsTotal,
    guest: order.customerId === 0,
    channelId: order.channelId,
  };
}

export interface OrderParts {
  order: BcOrder;
  lineItems: readonly BcLineItem[];
  shippingAddresses: readonly BcShippingAddress[];
  shipments: readonly BcShipment[];
  transactions: readonly BcTransaction[];
  refunds: readonly BcRefund[];
  /** Read only when the order says a coupon took something off; absent when not read. */
  coupons?: readonly BcCoupon[];
}

/** The detail without the per-request parts (template fields, freshness), which are added when it is sent. */
export type OrderDetailCore = Omit<OrderDetail, 'fields' | 'freshness'>;

export function toOrderDetail(
  parts: OrderParts,
  extras: { controlPanelUrl: string | null; skipped: number },
): OrderDetailCore {
  const { order } = parts;
  const currency = orderCurrency(order);
  const names = new Map(parts.lineItems.map((item) => [item.id, item.name]));
  const refundedQuantities = sumRefundedQuantities(parts.refunds);
  return {
    id: order.id,
    customerId: order.customerId === 0 ? null : order.customerId,
    guest: order.customerId === 0,
    email: order.billingAddress.email,
    channelId: order.channelId,
    dateCreated: order.dateCreated,
    dateModified: order.dateModified,
    dateShipped: order.dateShipped,
    status: toOrderStatus(order.statusId, order.status, order.customStatus),
    payment: {
      status: order.paymentStatus,
      method: order.paymentMethod,
      transactions: parts.transactions.map((transaction) => toTransaction(transaction, currency)),
    },
    currency,
    totals: toTotals(order, currency),
    ...(parts.coupons
      ? {
          coupons: parts.coupons.map((coupon) => ({
            code: coupon.code,
            discount: money(coupon.discount, currency),
          })),
        }
      : {}),
    lineItems: parts.lineItems.map((item) => toLineItem(item, currency, refundedQuantities)),
    billingAddress: toAddress(order.billingAddress),
    shippingAddresses: parts.shippingAddresses.map((address) => toShippingAddress(address, currency)),
    shipments: parts.shipments.map((shipment) => toShipment(shipment, names)),
    refunds: parts.refunds.map((refund) => toRefund(refund, currency, names)),
    notes: parseStaffNotes(order.staffNotes),
    customerMessage: order.customerMessage,
    controlPanelUrl: extras.controlPanelUrl,
    skipped: extras.skipped,
  };
}

/**
 * Amounts including tax, as the shopper saw them: subtotal + shipping + handling + wrapping - discount = total.
 * `tax` is the tax contained in the total.
 */
function toTotals(order: BcOrder, currency: string): Totals {
  const t = order.totals;
  return {
    subtotal: money(t.subtotalIncTax, currency),
    shipping: money(t.shippingCostIncTax, currency),
    handling: money(t.handlingCostIncTax, currency),
    wrapping: money(t.wrappingCostIncTax, currency),
    discount: money(addDecimals(t.discountAmount, t.couponDiscount), currency),
    tax: money(t.totalTax, currency),
    total: money(t.totalIncTax, currency),
    refunded: money(t.refundedAmount, currency),
    storeCredit: money(t.storeCreditAmount, currency),
    giftCertificate: money(t.giftCertificateAmount, currency),
  };
}

function toLineItem(item: BcLineItem, currency: string, refunded: ReadonlyMap<number, number>): LineItem {
  return {
    id: item.id,
    productId: item.productId,
    name: item.name,
    sku: item.sku,
    options: item.productOptions.map((option) => ({ name: option.displayName, value: option.displayValue })),
    quantity: item.quantity,
    quantityShipped: item.quantityShipped,
    // `quantity_refunded` only exists on current payloads; older ones carry only the refund records.
    quantityRefunded: item.quantityRefunded || (refunded.get(item.id) ?? 0),
    price: money(item.priceIncTax, currency),
    total: money(item.totalIncTax, currency),
    returnId: item.returnId,
  };
}

function sumRefundedQuantities(refunds: readonly BcRefund[]): Map<number, number> {
  const quantities = new Map<number, number>();
  for (const refund of refunds) {
    for (const item of refund.items) {
      if (item.itemType !== 'PRODUCT' || item.quantity === null) continue;
      quantities.set(item.itemId, (quantities.get(item.itemId) ?? 0) + item.quantity);
    }
  }
  return quantities;
}

function toAddress(address: BcAddress): Address {
  return {
    name: `${address.firstName} ${address.lastName}`.trim(),
    company: address.company,
    street1: address.street1,
    street2: address.street2,
    city: address.city,
    state: address.state,
    zip: address.zip,
    country: address.country,
    countryIso2: address.countryIso2,
    phone: address.phone,
    email: address.email,
  };
}

function toShippingAddress(address: BcShippingAddress, currency: string): ShippingAddress {
  return {
    ...toAddress(address),
    id: address.id,
    shippingMethod: address.shippingMethod,
    cost: money(address.costIncTax, currency),
    itemsTotal: address.itemsTotal,
    itemsShipped: address.itemsShipped,
  };
}

function toShipment(shipment: BcShipment, names: ReadonlyMap<number, string>): Shipment {
  return {
    id: shipment.id,
    dateCreated: shipment.dateCreated,
    carrier: shipment.carrier,
    shippingMethod: shipment.shippingMethod,
    trackingNumber: shipment.trackingNumber,
    trackingLink: toSafeLink(shipment.trackingLink),
    addressId: shipment.orderAddressId,
    comments: shipment.comments,
    items: shipment.items.map((item) => ({
      orderProductId: item.orderProductId,
      quantity: item.quantity,
      name: names.get(item.orderProductId) ?? `#${item.orderProductId}`,
    })),
  };
}

/** The widget renders the link as an anchor: a `javascript:` or `data:` URL from upstream must never reach it. */
export function toSafeLink(link: string | null): string | null {
  if (link === null) return null;
  try {
    const url = new URL(link.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function toTransaction(transaction: BcTransaction, orderCurrencyCode: string): Transaction {
  return {
    id: transaction.id,
    event: transaction.event,
    method: transaction.methodLabel || transaction.method,
    amount: money(transaction.amount, transaction.currency || orderCurrencyCode),
    gateway: transaction.gateway,
    status: transaction.status,
    dateCreated: transaction.dateCreated,
    cardLast4: transaction.cardLast4,
    test: transaction.test,
  };
}

// Labels for refund items that are not line items; the PRODUCT ones take the line item's name.
const REFUND_ITEM_NAMES: Readonly<Record<string, string>> = {
  SHIPPING: 'Shipping',
  HANDLING: 'Handling',
  GIFT_WRAPPING: 'Gift wrapping',
  ORDER: 'Order',
};

function toRefund(refund: BcRefund, currency: string, names: ReadonlyMap<number, string>): Refund {
  return {
    id: refund.id,
    dateCreated: refund.dateCreated,
    reason: refund.reason,
    total: money(refund.totalAmount, currency),
    items: refund.items.map((item) => ({
      itemType: item.itemType,
      itemId: item.itemId,
      quantity: item.quantity,
      amount: item.requestedAmount === null ? null : money(item.requestedAmount, currency),
      name:
        item.itemType === 'PRODUCT'
          ? (names.get(item.itemId) ?? `#${item.itemId}`)
          : (REFUND_ITEM_NAMES[item.itemType] ?? item.itemType),
    })),
  };
}

function money(amount: string, currency: string): Money {
  return { amount, currency };
}
