// Realistic DTOs as the BFF sends them; a test checks that each passes the shared/ schema.
import type { ContextResponse, OrderSummary } from '../../shared/context.js';
import type { CustomerSearchResponse, LinkResponse } from '../../shared/customers.js';
import type { ErrorBody } from '../../shared/errors.js';
import type { NoteResponse } from '../../shared/notes.js';
import type { OrderDetail } from '../../shared/order.js';
import type { SessionResponse } from '../../shared/session.js';
import type { StatusChangeResponse } from '../../shared/status-change.js';
import { loadI18n } from '../../widget/src/i18n/i18n.js';

/** Language tables are chunks the widget loads on demand; component tests get them ready. */
export const en = await loadI18n('en');
export const de = await loadI18n('de-DE');

/** The tests' "now", a few days after the fixtures' orders: relative times read the same on every run. */
export const NOW = Date.parse('2026-03-02T10:00:00Z');
export const clock = (): number => NOW;

export const market = { id: 'de', label: 'Deutschland', store: 'eu' };

export const session: SessionResponse = {
  session: 'sess_4f1c2a9e0b7d',
  expiresAt: '2026-03-02T18:00:00Z',
  ticket: 'T-100234',
  agent: 'mia.schulz',
  scopes: ['orders:read', 'notes:write', 'links:write'],
  market,
  locale: 'en-GB',
  sandbox: false,
};

export const freshness = { asOf: '2026-03-02T09:58:00Z', ageSeconds: 120, stale: false };

export const ada = {
  id: 42,
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  company: 'Analytical Engines Ltd',
  phone: '+44 20 7946 0000',
  customerGroupId: 2,
  dateCreated: '2024-05-01T10:00:00Z',
};

export function orderSummary(id: number, overrides: Partial<OrderSummary> = {}): OrderSummary {
  return {
    id,
    dateCreated: '2026-02-20T14:31:00Z',
    status: { id: 2, label: 'Shipped', family: 'shipped' },
    paymentStatus: 'captured',
    total: { amount: '129.9000', currency: 'EUR' },
    itemCount: 3,
    guest: false,
    channelId: 1,
    ...overrides,
  };
}

export const orders: OrderSummary[] = [
  orderSummary(1003, {
    dateCreated: '2026-02-27T08:10:00Z',
    status: { id: 11, label: 'Awaiting Fulfillment', family: 'awaiting' },
    total: { amount: '59.5000', currency: 'EUR' },
    itemCount: 1,
  }),
  orderSummary(1002),
  orderSummary(998, {
    dateCreated: '2026-01-04T17:45:00Z',
    status: { id: 4, label: 'Refunded', family: 'refunded' },
    total: { amount: '19.9900', currency: 'EUR' },
    itemCount: 2,
    guest: true,
  }),
];

export const context: ContextResponse = {
  ticket: 'T-100234',
  market,
  customer: ada,
  guestEmail: 'ada@example.com',
  match: {
    method: 'external_id',
    tried: [
      { method: 'link', value: '', outcome: 'not_given' },
      { method: 'external_id', value: '42', outcome: 'matched' },
    ],
  },
  orders,
  nextCursor: null,
  fields: [{ key: 'group', label: 'Customer group', format: 'text', value: 'Wholesale' }],
  freshness,
  sandbox: false,
};

export const noMatchContext: ContextResponse = {
  ...context,
  customer: null,
  guestEmail: null,
  match: {
    method: 'none',
    tried: [
      { method: 'external_id', value: '', outcome: 'not_given' },
      { method: 'email', value: 'unknown@example.org', outcome: 'not_found' },
      { method: 'guest_email', value: 'unknown@example.org', outcome: 'not_found' },
    ],
  },
  orders: [],
  fields: [],
};

export const guestContext: ContextResponse = {
  ...context,
  customer: null,
  guestEmail: 'guest@example.net',
  match: {
    method: 'guest_email',
    tried: [{ method: 'guest_email', value: 'guest@example.net', outcome: 'matched' }],
  },
  orders: [orderSummary(777, { guest: true })],
  fields: [],
};

const money = (amount: string) => ({ amount, currency: 'EUR' });
const address = {
  name: 'Ada Lovelace',
  company: '',
  street1: 'Hauptstraße 5',
  street2: '',
  city: 'Berlin',
  state: 'Berlin',
  zip: '10115',
  country: 'Germany',
  countryIso2: 'DE',
  phone: '+49 30 1234567',
  email: 'ada@example.com',
};

export const orderDetail: OrderDetail = {
  id: 1002,
  customerId: 42,
  guest: false,
  email: 'ada@example.com',
  channelId: 1,
  dateCreated: '2026-02-20T14:31:00Z',
  dateModified: '2026-02-22T09:00:00Z',
  dateShipped: '2026-02-21T11:00:00Z',
  status: { id: 2, label: 'Shipped', family: 'shipped' },
  payment: {
    status: 'captured',
    method: 'Credit Card',
    transactions: [
      {
        id: 9001,
        event: 'purchase',
        method: 'credit_card',
        amount: money('129.9000'),
        gateway: 'stripe',
        status: 'ok',
        dateCreated: '2026-02-20T14:31:05Z',
        cardLast4: '4242',
        test: false,
      },
    ],
  },
  currency: 'EUR',
  totals: {
    subtotal: money('119.9000'),
    shipping: money('4.9900'),
    handling: money('0.0000'),
    wrapping: money('0.0000'),
    discount: money('5.0000'),
    tax: money('20.7400'),
    total: money('129.9000'),
    refunded: money('24.9500'),
    storeCredit: money('0.0000'),
    giftCertificate: money('0.0000'),
  },
  lineItems: [
    {
      id: 501,
      productId: 77,
      name: 'Merino Sweater',
      sku: 'MS-BLU-M',
      options: [
        { name: 'Colour', value: 'Blue' },
        { name: 'Size', value: 'M' },
      ],
      quantity: 2,
      quantityShipped: 2,
      quantityRefunded: 1,
      price: money('49.9500'),
      total: money('99.9000'),
      returnId: 31,
    },
    {
      id: 502,
      productId: 78,
      name: 'Wool Socks',
      sku: 'WS-01',
      options: [],
      quantity: 1,
      quantityShipped: 1,
      quantityRefunded: 0,
      price: money('20.0000'),
      total: money('20.0000'),
      returnId: null,
    },
  ],
  billingAddress: address,
  shippingAddresses: [
    {
      ...address,
      id: 11,
      shippingMethod: 'DHL Paket',
      cost: money('4.9900'),
      itemsTotal: 3,
      itemsShipped: 3,
    },
  ],
  shipments: [
    {
      id: 301,
      dateCreated: '2026-02-21T11:00:00Z',
      carrier: 'DHL',
      shippingMethod: 'DHL Paket',
      trackingNumber: '00340434161094042557',
      trackingLink:
        'https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161094042557',
      addressId: 11,
      comments: '',
      items: [
        { orderProductId: 501, quantity: 2, name: 'Merino Sweater' },
        { orderProductId: 502, quantity: 1, name: 'Wool Socks' },
      ],
    },
  ],
  refunds: [
    {
      id: 61,
      dateCreated: '2026-02-25T10:00:00Z',
      reason: 'Too small',
      total: money('24.9500'),
      items: [
        { itemType: 'PRODUCT', itemId: 501, quantity: 1, amount: money('24.9500'), name: 'Merino Sweater' },
      ],
    },
  ],
  notes: [
    { ref: null, at: null, ticket: null, agent: null, text: 'Customer called about sizing.', ours: false },
    {
      ref: 'n_8c1d',
      at: '2026-02-26T09:12:00Z',
      ticket: 'T-100100',
      agent: 'jonas.weber',
      text: 'Exchange promised for size L.',
      ours: true,
    },
  ],
  customerMessage: 'Please leave at the door.',
  controlPanelUrl: 'https://store-abc123.mybigcommerce.com/manage/orders/1002',
  fields: [
    {
      key: 'payment',
      label: 'Payment',
      format: 'status',
      value: { id: 10, label: 'Paid', family: 'completed' },
    },
  ],
  skipped: 0,
  freshness,
};

/** An order with nothing shipped, refunded or noted yet. */
export const bareOrder: OrderDetail = {
  ...orderDetail,
  id: 1003,
  status: { id: 11, label: 'Awaiting Fulfillment', family: 'awaiting' },
  dateShipped: null,
  shipments: [],
  refunds: [],
  notes: [],
  customerMessage: '',
  controlPanelUrl: null,
  fields: [],
  skipped: 2,
  totals: { ...orderDetail.totals, refunded: money('0.0000') },
};

export function note(status: NoteResponse['status'], overrides: Partial<NoteResponse> = {}): NoteResponse {
  return {
    ref: 'n_5e2f',
    orderId: 1002,
    status,
    text: 'Refund approved by phone.',
    ticket: 'T-100234',
    agent: 'mia.schulz',
    createdAt: '2026-03-02T10:00:00Z',
    writtenAt: status === 'written' ? '2026-03-02T10:00:04Z' : null,
    attempts: status === 'written' ? 1 : 0,
    errorCode: status === 'failed' ? 'staff_notes_full' : null,
    ...overrides,
  };
}

const lukas = { ...ada, id: 1, firstName: 'Lukas', lastName: 'Öztürk', company: '' };

/** Two shoppers of one name, told apart by email, city and last order, and a guest. */
export const searchResult: CustomerSearchResponse = {
  customers: [
    { ...lukas, email: 'lukas.oeztuerk@example.com' },
    { ...lukas, id: 49, email: 'lukas.oeztuerk@post.example.nl' },
  ],
  results: [
    {
      kind: 'customer',
      customerId: 1,
      name: 'Lukas Öztürk',
      email: 'lukas.oeztuerk@example.com',
      company: '',
      city: 'Hamburg',
      countryIso2: 'DE',
      orderCount: 11,
      orderCountPartial: false,
      lastOrder: { id: 530, dateCreated: '2026-11-20T10:00:00Z' },
      order: null,
      matchedBy: 'name',
    },
    {
      kind: 'customer',
      customerId: 49,
      name: 'Lukas Öztürk',
      email: 'lukas.oeztuerk@post.example.nl',
      company: '',
      city: 'Freiburg im Breisgau',
      countryIso2: 'DE',
      orderCount: 1,
      orderCountPartial: false,
      lastOrder: { id: 533, dateCreated: '2026-10-13T16:00:00Z' },
      order: null,
      matchedBy: 'name',
    },
    {
      kind: 'guest',
      customerId: null,
      name: 'Chloé Moreau',
      email: 'chloe.moreau@mail.example.de',
      company: '',
      city: 'Leipzig',
      countryIso2: 'DE',
      orderCount: 3,
      orderCountPartial: false,
      lastOrder: { id: 496, dateCreated: '2026-10-27T09:00:00Z' },
      order: null,
      matchedBy: 'email',
    },
  ],
  source: 'index',
  windowDays: 90,
  truncated: false,
};

export const linkResponse: LinkResponse = {
  ticket: 'T-100234',
  customerId: 49,
  email: null,
  createdBy: 'mia.schulz',
  createdAt: '2026-03-02T10:05:00.000Z',
  undoUntil: '2026-03-02T10:06:00.000Z',
};

export function errorBody(code: string, correlationId = 'c0ffee-1234'): ErrorBody {
  return { error: { code, message: `Server message for ${code}.`, correlationId } };
}

/** An agent who may change statuses: cancel from Awaiting Fulfillment or Shipment, or pack an order (11 → 9). */
export const statusSession: SessionResponse = {
  ...session,
  scopes: ['orders:read', 'notes:write', 'links:write', 'orders:write'],
  statusChanges: [
    { from: [11, 9], to: 5 },
    { from: [11], to: 9 },
  ],
};

/** Order 1002 while it is still awaiting fulfillment. */
export const awaitingOrder: OrderDetail = {
  ...orderDetail,
  status: { id: 11, label: 'Awaiting Fulfillment', family: 'awaiting' },
  dateShipped: null,
};

export const statusChanged: StatusChangeResponse = {
  orderId: 1002,
  status: { id: 5, label: 'Cancelled', family: 'cancelled' },
  previousStatus: { id: 11, label: 'Awaiting Fulfillment', family: 'awaiting' },
  changedAt: '2026-03-02T10:01:00Z',
  ticket: 'T-100234',
  agent: 'mia.schulz',
  reason: 'Shopper cancelled by phone',
};

/** 409: someone packed the order while the agent was looking at it. */
export function orderChangedBody(correlationId = 'c0ffee-409'): ErrorBody {
  return {
    error: {
      ...errorBody('order_changed', correlationId).error,
      currentStatus: { id: 9, label: 'Awaiting Shipment', family: 'awaiting' },
    },
  };
}
