import type { StatusFamily } from '../../../shared/common.js';
import type { ErrorCode } from '../../../shared/errors.js';
import type { ClientErrorCode } from '../bff-error.js';
import { BIGCOMMERCE_STATUS_NAMES } from './code-names.js';

/** Every error code the widget can show, in the agent's words: what happened and what to do. */
export type ErrorMessages = Record<ErrorCode | ClientErrorCode, string>;

/**
 * Errors that arrive when the service cannot be reached, so the errors chunk (errors-<language>.ts) could not
 * be loaded either: their words ship in the table every session loads.
 */
export type OfflineErrorCode = 'internal_error' | 'network_error' | 'invalid_response' | 'timeout';
export type OfflineErrorMessages = Pick<ErrorMessages, OfflineErrorCode>;

const errors: OfflineErrorMessages = {
  internal_error: 'Something went wrong on our side.',
  network_error: 'The service cannot be reached; check your connection.',
  invalid_response: 'The service sent an answer we cannot read.',
  timeout: 'The service did not answer in time.',
};

/**
 * Payment words by code key (see `toCodeKey`): transaction methods (orders.v3 enum), BigCommerce's default method
 * names ("Credit Card", "Cash on Delivery") and the gateways that are not brands. Brands are in code-names.ts.
 */
export type PaymentWords = Record<
  | 'creditcard'
  | 'electronicwallet'
  | 'giftcertificate'
  | 'storecredit'
  | 'applepaycard'
  | 'bigpaytoken'
  | 'custom'
  | 'offsite'
  | 'offline'
  | 'nonce'
  | 'bankdeposit'
  | 'cod'
  | 'cheque'
  | 'moneyorder'
  | 'instore'
  | 'testgateway',
  string
>;

const paymentWords: PaymentWords = {
  creditcard: 'Credit card',
  electronicwallet: 'Digital wallet',
  giftcertificate: 'Gift certificate',
  storecredit: 'Store credit',
  applepaycard: 'Apple Pay',
  bigpaytoken: 'Saved card',
  custom: 'Manual payment',
  offsite: 'External payment page',
  offline: 'Offline payment',
  nonce: 'Card',
  bankdeposit: 'Bank transfer',
  cod: 'Cash on delivery',
  cheque: 'Cheque',
  moneyorder: 'Money order',
  instore: 'Pay in store',
  testgateway: 'Test payment gateway',
};

export const en = {
  widgetLabel: 'Order context',
  sandbox: 'Sandbox',
  sandboxHint: 'Demo data, not a real store',
  openingSession: 'Opening the ticket…',
  loadingContext: 'Loading shopper and orders…',
  loadingOrder: 'Loading the order…',
  updating: 'Updating…',

  asOf: (relative: string) => `as of ${relative}`,
  justNow: 'just now',
  stale: 'Out of date',
  staleHint: 'BigCommerce could not be reached; showing the last copy.',
  refresh: 'Refresh',

  shopper: 'Shopper',
  market: 'Market',
  whyMatch: 'Why this match',
  matchMethod: {
    link: 'Linked to this ticket by an agent',
    external_id: 'Matched by the contact’s External ID',
    email: 'Matched by email address',
    guest_email: 'Guest orders found by email address',
    none: 'No shopper matched',
  },
  attemptMethod: {
    link: 'Stored link',
    external_id: 'External ID',
    email: 'Email',
    guest_email: 'Guest email',
  },
  attemptOutcome: { matched: 'matched', not_found: 'not found', not_given: 'not given' },
  guestShopper: 'Guest shopper',
  wrongShopper: 'Wrong shopper?',
  noMatchTitle: 'No shopper found for this ticket',
  noMatchText: 'No identifier on the ticket matched a shopper.',

  orders: 'Orders',
  /** A list with more orders than shown, before its pager (a lazy part) is loaded. */
  olderOrders: 'Older orders',
  orderNumber: (id: string) => `Order #${id}`,
  itemCount: (count: number, formatted: string) => (count === 1 ? '1 item' : `${formatted} items`),
  guestOrder: 'Guest',
  noOrdersTitle: 'No orders',
  noOrdersText: 'This shopper has not placed any orders yet.',
  ticketOrder: 'From the ticket',
  ticketOrderMissing: (id: string) => `Order #${id} from the ticket is not among these orders.`,
  changedSinceTicket: 'Changed since ticket',
  lifetimeValue: 'Lifetime value',
  customerSince: 'Customer since',
  lastOrder: 'Last order',
  summaryWindow: (days: number) => `From the last ${days} days.`,
  summaryPartial: 'From the orders loaded so far.',

  statusNames: BIGCOMMERCE_STATUS_NAMES,
  statusFamilies: {
    pending: 'Pending',
    awaiting: 'Awaiting action',
    shipped: 'Shipped',
    completed: 'Completed',
    cancelled: 'Cancelled',
    refunded: 'Refunded',
    attention: 'Needs attention',
  } satisfies Record<StatusFamily, string>,
  /** BigCommerce's `payment_status` values (orders.v2 enum). */
  paymentStatuses: {
    authorized: 'Authorized',
    captured: 'Captured',
    'capture pending': 'Capture pending',
    declined: 'Declined',
    'held for review': 'Held for review',
    paid: 'Paid',
    'partially refunded': 'Partially refunded',
    pending: 'Pending',
    refunded: 'Refunded',
    void: 'Voided',
    'void pending': 'Void pending',
  } as Record<string, string>,
  transactionEvents: {
    purchase: 'Purchase',
    authorization: 'Authorization',
    capture: 'Capture',
    refund: 'Refund',
    void: 'Void',
    pending: 'Pending',
    settled: 'Settled',
  } as Record<string, string>,
  transactionStatuses: { ok: 'succeeded', error: 'failed' } as Record<string, string>,
  paymentWords,
  /** A code we have no word for; the code itself is in the tooltip. */
  otherCode: 'Other',
  refundItems: {
    SHIPPING: 'Shipping',
    HANDLING: 'Handling',
    GIFT_WRAPPING: 'Gift wrapping',
    ORDER: 'Order amount',
  } as Record<string, string>,

  back: 'Back to orders',
  opensInNewTab: '(opens in a new tab)',
  openInBigCommerce: 'Open in BigCommerce',
  ordered: 'Ordered',
  shippedLabel: 'Shipped',
  payment: 'Payment',
  transactions: 'Transactions',
  testTransaction: 'test',
  cardEnding: (last4: string) => `card ending ${last4}`,
  totals: 'Totals',
  totalLabels: {
    subtotal: 'Subtotal',
    shipping: 'Shipping',
    handling: 'Handling',
    wrapping: 'Gift wrapping',
    discount: 'Discount',
    tax: 'Tax',
    total: 'Total',
    refunded: 'Refunded',
    storeCredit: 'Store credit',
    giftCertificate: 'Gift certificate',
  },
  lineItems: 'Items',
  sku: 'SKU',
  quantityTimesPrice: (quantity: string, price: string) => `${quantity} × ${price}`,
  shippedQuantity: (shipped: string, total: string) => `${shipped} of ${total} shipped`,
  refundedQuantity: (count: string) => `${count} refunded`,
  returnMarker: (id: string) => `Return #${id}`,
  returnRefunded: 'refunded',
  returnPartlyRefunded: 'partly refunded',
  /** A line with a return but no refund yet (BigCommerce's v2 lines tell no more of a return's state). */
  returnOpen: 'not refunded yet',
  coupon: (code: string) => `Coupon ${code}`,
  shipping: 'Shipping',
  shippingMethod: 'Shipping method',
  shippingCost: 'Shipping cost',
  itemsShipped: (shipped: string, total: string) => `${shipped} of ${total} items shipped`,
  billingAddress: 'Billing address',
  billingSameAsShipping: 'Billing address: same as shipping.',
  shipments: 'Shipments',
  noShipments: 'Nothing shipped yet.',
  trackingNumber: 'Tracking number',
  refunds: 'Refunds',
  reason: 'Reason',
  staffNotes: 'Staff notes',
  noStaffNotes: 'No staff notes yet.',
  noteStamp: (agent: string, ticket: string) => `${agent} · ticket ${ticket}`,
  customerMessage: 'Message from the shopper',
  details: 'Details',
  skipped: (count: number) =>
    count === 1 ? '1 unreadable record is not shown.' : `${count} unreadable records are not shown.`,
  notAvailable: '—',

  errorTitle: 'That did not work',
  correlationId: 'Correlation ID',
  copyCorrelationId: 'Copy correlation ID',
  copied: 'Copied',
  copyFailed: 'Copying is blocked here; select the text and press Ctrl+C.',
  copyOrderNumber: 'Copy order number',
  copyTrackingNumber: 'Copy tracking number',
  copyAddress: 'Copy address',
  copyEmail: 'Copy email address',
  copyReply: 'Copy as reply',
  writeNote: 'Write a note',
  retry: 'Retry',
  unknownError: (code: string) => `Something went wrong (${code}).`,
  errors,
};

/** The shape every language must fill completely: the compiler checks the German table against it. */
export type Messages = typeof en;
