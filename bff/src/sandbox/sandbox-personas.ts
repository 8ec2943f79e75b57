// Well-known fixtures per store, computed from the seed, so tests and the /demo page never hard-code ids.

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
  /** `registered`'s name, another email and city, orders of their own: what search results must tell apart. */
  namesake: SandboxPersonaPerson & { orderCount: number; city: string };
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
