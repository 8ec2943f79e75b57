import * as z from 'zod/mini';
import { Address, ContextField, Freshness, Money, OrderStatus } from './common.js';

export const LineItem = z.object({
  id: z.number(),
  productId: z.number(),
  name: z.string(),
  sku: z.string(),
  options: z.array(z.object({ name: z.string(), value: z.string() })),
  quantity: z.number(),
  quantityShipped: z.number(),
  quantityRefunded: z.number(),
  price: Money,
  total: Money,
  returnId: z.nullable(z.number()),
});
export type LineItem = z.infer<typeof LineItem>;

// A spread of the shape rather than z.extend: the same schema, without zod's extend machinery in the widget bundle.
export const ShippingAddress = z.object({
  ...Address.shape,
  id: z.number(),
  shippingMethod: z.string(),
  cost: Money,
  itemsTotal: z.number(),
  itemsShipped: z.number(),
});
export type ShippingAddress = z.infer<typeof ShippingAddress>;

export const Shipment = z.object({
  id: z.number(),
  dateCreated: z.nullable(z.iso.datetime({ offset: true })),
  carrier: z.string(),
  shippingMethod: z.string(),
  trackingNumber: z.string(),
  /** Only http(s) links reach the widget. */
  trackingLink: z.nullable(z.string()),
  addressId: z.nullable(z.number()),
  comments: z.string(),
  items: z.array(z.object({ orderProductId: z.number(), quantity: z.number(), name: z.string() })),
});
export type Shipment = z.infer<typeof Shipment>;

export const Transaction = z.object({
  id: z.number(),
  event: z.string(),
  method: z.string(),
  amount: Money,
  gateway: z.string(),
  status: z.string(),
  dateCreated: z.nullable(z.iso.datetime({ offset: true })),
  cardLast4: z.nullable(z.string()),
  test: z.boolean(),
});
export type Transaction = z.infer<typeof Transaction>;

export const Refund = z.object({
  id: z.number(),
  dateCreated: z.nullable(z.iso.datetime({ offset: true })),
  reason: z.string(),
  total: Money,
  items: z.array(
    z.object({
      itemType: z.string(),
      itemId: z.number(),
      quantity: z.nullable(z.number()),
      amount: z.nullable(Money),
      name: z.string(),
    }),
  ),
});
export type Refund = z.infer<typeof Refund>;

/** One entry of the order's staff notes; `ours` entries carry ticket, agent and our note reference. */
export const StaffNote = z.object({
  ref: z.nullable(z.string()),
  at: z.nullable(z.iso.datetime({ offset: true })),
  ticket: z.nullable(z.string()),
  agent: z.nullable(z.string()),
  text: z.string(),
  ours: z.boolean(),
});
export type StaffNote = z.infer<typeof StaffNote>;

export const Totals = z.object({
  subtotal: Money,
  shipping: Money,
  handling: Money,
  wrapping: Money,
  discount: Money,
  tax: Money,
  total: Money,
  refunded: Money,
  storeCredit: Money,
  giftCertificate: Money,
});
export type Totals = z.infer<typeof Totals>;

/** A coupon the shopper redeemed and what it took off the order (BigCommerce `GET /v2/orders/{id}/coupons`). */
export const Coupon = z.object({
  code: z.string(),
  discount: Money,
});
export type Coupon = z.infer<typeof Coupon>;

/** One thing that happened to the order since its ticket was opened (the order detail's short timeline). */
export const SinceTicketEntry = z.object({
  /** ISO 8601. Plain strings here and below: the widget's size budget, and the BFF writes them with toISOString. */
  at: z.string(),
  /** A change kind of DESIGN §10, or `note.added`; a kind the widget does not know is not shown. */
  kind: z.string(),
  /** The status the order had after the change. */
  status: z.optional(OrderStatus),
  /** Who: the agent of a status change or note made through us, when known. */
  agent: z.optional(z.string()),
});
export type SinceTicketEntry = z.infer<typeof SinceTicketEntry>;

export const OrderDetail = z.object({
  id: z.number(),
  customerId: z.nullable(z.number()),
  guest: z.boolean(),
  email: z.string(),
  channelId: z.number(),
  dateCreated: z.iso.datetime({ offset: true }),
  dateModified: z.nullable(z.iso.datetime({ offset: true })),
  dateShipped: z.nullable(z.iso.datetime({ offset: true })),
  status: OrderStatus,
  payment: z.object({ status: z.string(), method: z.string(), transactions: z.array(Transaction) }),
  currency: z.string(),
  totals: Totals,
  /** Coupon codes behind `totals.discount`. Optional: absent when the BFF has not read them, [] when none. */
  coupons: z.optional(z.array(Coupon)),
  lineItems: z.array(LineItem),
  billingAddress: Address,
  shippingAddresses: z.array(ShippingAddress),
  shipments: z.array(Shipment),
  refunds: z.array(Refund),
  notes: z.array(StaffNote),
  customerMessage: z.string(),
  controlPanelUrl: z.nullable(z.string()),
  fields: z.array(ContextField),
  /** Records BigCommerce sent that failed validation and were left out (logged under the correlation ID). */
  skipped: z.number(),
  freshness: Freshness,
  /**
   * With the session's `ticketCreatedAt`: what changed since the ticket was opened, oldest first (the sync room's
   * changes and other tickets' staff notes); absent without the claim.
   */
  sinceTicket: z.optional(z.array(SinceTicketEntry)),
});
export type OrderDetail = z.infer<typeof OrderDetail>;
