import * as z from 'zod/mini';

/** An exact amount: a decimal string (never a float) and its ISO 4217 currency. */
export const Money = z.object({
  amount: z.string().check(z.regex(/^-?\d+(\.\d+)?$/)),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
});
export type Money = z.infer<typeof Money>;

/** How old the data on a card is. `stale` means BigCommerce failed and this is the last good copy. */
export const Freshness = z.object({
  asOf: z.iso.datetime({ offset: true }),
  /**
   * Whole seconds, never negative (toFreshness clamps it, and the widget clamps again where it shows an age).
   * Checked as an integer only: a `nonnegative` check would add zod's comparison checks to the widget bundle
   * (140 B gzip of its 30 kB budget) for a bound both ends already keep.
   */
  ageSeconds: z.number().check(z.int()),
  stale: z.boolean(),
});
export type Freshness = z.infer<typeof Freshness>;

/** `orders:write` lets an agent change an order's status where the market allows it (DESIGN §11). */
export const SCOPES = ['orders:read', 'notes:write', 'links:write', 'orders:write'] as const;
export const Scope = z.enum(SCOPES);
export type Scope = z.infer<typeof Scope>;

/** Status families drive colour in the widget; the label shown is always the merchant's own. */
export const StatusFamily = z.enum([
  'pending',
  'awaiting',
  'shipped',
  'completed',
  'cancelled',
  'refunded',
  'attention',
]);
export type StatusFamily = z.infer<typeof StatusFamily>;

export const OrderStatus = z.object({
  id: z.number().check(z.int()),
  label: z.string(),
  family: StatusFamily,
});
export type OrderStatus = z.infer<typeof OrderStatus>;

export const MarketRef = z.object({
  id: z.string(),
  label: z.string(),
  store: z.string(),
});
export type MarketRef = z.infer<typeof MarketRef>;

export const Address = z.object({
  name: z.string(),
  company: z.string(),
  street1: z.string(),
  street2: z.string(),
  city: z.string(),
  state: z.string(),
  zip: z.string(),
  country: z.string(),
  countryIso2: z.string(),
  phone: z.string(),
  email: z.string(),
});
export type Address = z.infer<typeof Address>;

/** One key/value field chosen and labelled by the market's field-mapping template. */
export const FieldFormat = z.enum(['text', 'money', 'date', 'status', 'link', 'number']);
export type FieldFormat = z.infer<typeof FieldFormat>;
export const ContextField = z.object({
  key: z.string(),
  label: z.string(),
  format: FieldFormat,
  value: z.nullable(z.union([z.string(), z.number(), Money, OrderStatus])),
});
export type ContextField = z.infer<typeof ContextField>;

/** A registered shopper (BigCommerce customer) as views and search results show them. */
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
