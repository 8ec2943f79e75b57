import * as z from 'zod/mini';
import { Customer } from './common.js';

/** An order as a search result names it: enough to recognise it ("#530, 20 Nov"). */
export const OrderRef = z.object({
  id: z.number().check(z.int()),
  dateCreated: z.iso.datetime({ offset: true }),
});
export type OrderRef = z.infer<typeof OrderRef>;

/**
 * One shopper found by `GET /api/v1/customers?q=` (issue 13.6), with what tells two people of the same name apart:
 * email, city and their last order. A registered shopper links by `customerId`, a guest by an order of theirs
 * (`order`, else `lastOrder`).
 */
export const SearchResult = z.object({
  kind: z.enum(['customer', 'guest']),
  /** Null for a guest. */
  customerId: z.nullable(z.number().check(z.int())),
  /** The account's name, or a guest's billing name; may be empty. */
  name: z.string(),
  email: z.string(),
  company: z.string(),
  /** From the shopper's address, else their last order's billing address; null when neither is known. */
  city: z.nullable(z.string()),
  /** ISO 3166-1 alpha-2, with `city`. */
  countryIso2: z.nullable(z.string()),
  /** The shopper's orders in the market (incomplete ones left out); null when not looked up. */
  orderCount: z.nullable(z.number()),
  /** Read live and a full page came back: the shopper may have more orders than `orderCount`. */
  orderCountPartial: z.boolean(),
  /** Their newest order in the market, when looked up and there is one. */
  lastOrder: z.nullable(OrderRef),
  /** The order searched for by its number (`matchedBy: "order"`), else null. */
  order: z.nullable(OrderRef),
  matchedBy: z.enum(['name', 'email', 'order']),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const CustomerSearchResponse = z.object({
  /** The registered shoppers among `results`, as before issue 13.6 (kept for clients that read only these). */
  customers: z.array(Customer),
  /** Everyone found, the order searched for first, then the most recently active; at most 20. */
  results: z.array(SearchResult),
  /** `index`: the sync index answered (case, accents and parts of emails ignored); `live`: BigCommerce did. */
  source: z.enum(['index', 'live']),
  /** From the index: order counts and last orders cover the last this many days (the index's window). */
  windowDays: z.nullable(z.number()),
  /** More shoppers matched than are shown: the agent should narrow the search. */
  truncated: z.boolean(),
});
export type CustomerSearchResponse = z.infer<typeof CustomerSearchResponse>;

/** Link the ticket to a shopper, or to an order (whose shopper, or guest email, then becomes the match). */
export const LinkRequest = z.union([
  z.object({ customerId: z.number().check(z.int(), z.positive()) }),
  z.object({ orderId: z.number().check(z.int(), z.positive()) }),
]);
export type LinkRequest = z.infer<typeof LinkRequest>;

export const LinkResponse = z.object({
  ticket: z.string(),
  customerId: z.nullable(z.number()),
  email: z.nullable(z.string()),
  createdBy: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  /** Until when `POST /api/v1/links/undo` takes this link back (a minute); absent on a link restored by an undo. */
  undoUntil: z.optional(z.iso.datetime({ offset: true })),
});
export type LinkResponse = z.infer<typeof LinkResponse>;

/** `POST /api/v1/links/undo`: which link to take back, by the `createdAt` its `POST /api/v1/links` answered. */
export const LinkUndoRequest = z.strictObject({ createdAt: z.iso.datetime({ offset: true }) });
export type LinkUndoRequest = z.infer<typeof LinkUndoRequest>;

/** The ticket's link after the undo: the one before it, restored as it was, or none. */
export const LinkUndoResponse = z.object({ ticket: z.string(), link: z.nullable(LinkResponse) });
export type LinkUndoResponse = z.infer<typeof LinkUndoResponse>;
