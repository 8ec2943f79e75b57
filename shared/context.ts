import * as z from 'zod/mini';
import { ContextField, Customer, Freshness, MarketRef, Money, OrderStatus } from './common.js';

// Customer lives in common.ts: the shopper search's schemas import it in a lazily loaded chunk, and importing all of
// context.ts there moved lit and zod out of the widget's entry (rolldown 1.2; widget/src/search-schemas.ts). It is
// exported here too, where it always was.
export { Customer } from './common.js';

export const MatchMethod = z.enum(['link', 'external_id', 'email', 'guest_email', 'none']);
export type MatchMethod = z.infer<typeof MatchMethod>;

/** One identifier we tried, in order, and what came of it: the widget shows "why this shopper". */
export const MatchAttempt = z.object({
  method: z.enum(['link', 'external_id', 'email', 'guest_email']),
  value: z.string(),
  outcome: z.enum(['matched', 'not_found', 'not_given']),
});
export type MatchAttempt = z.infer<typeof MatchAttempt>;

export const OrderSummary = z.object({
  id: z.number().check(z.int()),
  dateCreated: z.iso.datetime({ offset: true }),
  status: OrderStatus,
  paymentStatus: z.string(),
  total: Money,
  itemCount: z.number(),
  guest: z.boolean(),
  channelId: z.number(),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

/**
 * The order filter of `GET /api/v1/context` (issue 13): `?number=` (an order number, `#` allowed), `?status=` (a
 * BigCommerce status id), `?from=&to=` (calendar days `YYYY-MM-DD`, UTC, both inclusive). Strings as they
 * arrive in a query; the BFF turns them into BigCommerce's `min_id/max_id`, `status_id`, `min|max_date_created`.
 */
export const ContextFilter = z
  .strictObject({
    number: z.optional(z.string().check(z.regex(/^#?[1-9]\d{0,8}$/))),
    status: z.optional(z.string().check(z.regex(/^[1-9]\d?$/))),
    from: z.optional(z.iso.date()),
    to: z.optional(z.iso.date()),
  })
  .check(
    z.refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, {
      message: '`from` must not be after `to`.',
      path: ['to'],
    }),
  );
export type ContextFilter = z.infer<typeof ContextFilter>;

/**
 * How many orders the shopper has in this market (incomplete ones left out) and, with a filter, how many match.
 * Sent with a list's first page. `windowDays`: counted from the sync index, so only the last N days.
 */
export const OrderCount = z.object({
  total: z.number(),
  matching: z.nullable(z.number()),
  windowDays: z.nullable(z.number()),
});
export type OrderCount = z.infer<typeof OrderCount>;

/**
 * What the shopper's history amounts to, for the card. From the sync index while it is current (no call of the
 * store's quota); otherwise from the orders the view loaded, then `complete: false` (there may be more).
 */
export const CustomerSummary = z.object({
  orderCount: z.number(),
  /** False: counted from the orders loaded so far, not from the shopper's whole history. */
  complete: z.boolean(),
  /** The index's window when it limits the count (the shopper may have older orders), else null. */
  windowDays: z.nullable(z.number()),
  /** Per currency; cancelled, declined and refunded orders left out. */
  lifetimeValue: z.array(Money),
  /** ISO 8601: the account's creation date; for a guest, their first order counted. */
  customerSince: z.nullable(z.string()),
  /** ISO 8601. */
  lastOrder: z.nullable(z.string()),
  /** The customer group's name, when the shopper is in one. */
  groupName: z.nullable(z.string()),
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const ContextResponse = z.object({
  ticket: z.string(),
  market: MarketRef,
  customer: z.nullable(Customer),
  /** The email whose guest orders are shown (the ticket's email, or the shopper's). */
  guestEmail: z.nullable(z.string()),
  match: z.object({ method: MatchMethod, tried: z.array(MatchAttempt) }),
  orders: z.array(OrderSummary),
  /** On a list's first page (absent on the pages `nextCursor` leads to). */
  count: z.optional(OrderCount),
  nextCursor: z.nullable(z.string()),
  fields: z.array(ContextField),
  freshness: Freshness,
  sandbox: z.boolean(),
  summary: z.optional(CustomerSummary),
  /** With the session's `ticketCreatedAt`: the shopper's orders that changed since the ticket was opened. */
  changedSinceTicket: z.optional(z.array(z.number())),
});
export type ContextResponse = z.infer<typeof ContextResponse>;
