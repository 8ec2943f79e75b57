import * as z from 'zod/mini';
import { ContextField, Freshness, MarketRef, Money, OrderStatus } from './common.js';

export const MatchMethod = z.enum(['link', 'external_id', 'email', 'guest_email', 'none']);
export type MatchMethod = z.infer<typeof MatchMethod>;

/** One identifier we tried, in order, and what came of it: the widget shows "why this shopper". */
export const MatchAttempt = z.object({
  method: z.enum(['link', 'external_id', 'email', 'guest_email']),
  value: z.string(),
  outcome: z.enum(['matched', 'not_found', 'not_given']),
});
export type MatchAttempt = z.infer<typeof MatchAttempt>;

export const Customer = z.object({
  id: z.number().check(z.int()),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  company: z.string(),
  phone: z.string(),
  customerGroupId: z.nullable(z.number()),
  dateCreated: z.nullable(z.iso.datetime({ offset: true })),
});
export type Customer = z.infer<typeof Customer>;

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

export const ContextResponse = z.object({
  ticket: z.string(),
  market: MarketRef,
  customer: z.nullable(Customer),
  /** The email whose guest orders are shown (the ticket's email, or the shopper's). */
  guestEmail: z.nullable(z.string()),
  match: z.object({ method: MatchMethod, tried: z.array(MatchAttempt) }),
  orders: z.array(OrderSummary),
  nextCursor: z.nullable(z.string()),
  fields: z.array(ContextField),
  freshness: Freshness,
  sandbox: z.boolean(),
});
export type ContextResponse = z.infer<typeof ContextResponse>;
