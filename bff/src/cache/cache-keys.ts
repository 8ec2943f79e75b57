/**
 * The one place that builds cache keys. Every key starts with the store key, so two stores never
 * share an entry, and `storePrefix` can drop a whole store at once. Segments are URI-encoded, so
 * the `:` separator can never come from data (an email, a store key) and no two different lookups
 * collapse into one key. Prefixes end with the separator, so order 12 never matches order 123.
 */

declare const brand: unique symbol;

/** A key that came from `cacheKeys`; a bare string is not accepted by the cache. */
export type CacheKey = string & { readonly [brand]: 'CacheKey' };
/** A prefix that came from `cacheKeys`, for `invalidatePrefix`. */
export type CacheKeyPrefix = string & { readonly [brand]: 'CacheKeyPrefix' };

/** Whose order list a page belongs to: a registered shopper, or guest orders placed with an email. */
export type OrderOwner = { readonly customerId: number } | { readonly email: string };

const SEPARATOR = ':';

export const cacheKeys = {
  customer: (store: string, customerId: number): CacheKey =>
    buildKey(store, 'customer', requireId('customerId', customerId)),

  /** Lower-cased because BigCommerce matches emails case-insensitively: one shopper, one entry. */
  customersByEmail: (store: string, email: string): CacheKey =>
    buildKey(store, 'customers-by-email', normalizeEmail(email)),

  /** `channels` omitted means all channels; the ids are sorted so their order does not split the cache. */
  orderPage: (
    store: string,
    owner: OrderOwner,
    page: number,
    limit: number,
    channels?: readonly number[],
    /** Only orders created before this instant (a list continuing past the index's window). */
    before?: number | null,
  ): CacheKey =>
    buildKey(
      store,
      ...ownerSegments(owner),
      'page',
      requireId('page', page),
      'limit',
      requireId('limit', limit),
      'channels',
      formatChannels(channels),
      ...(before === undefined || before === null ? [] : ['before', before]),
    ),

  /** Every order page of one owner, e.g. for a webhook about one of their orders. */
  orderPagesPrefix: (store: string, owner: OrderOwner): CacheKeyPrefix =>
    buildPrefix(store, ...ownerSegments(owner)),

  order: (store: string, orderId: number): CacheKey =>
    buildKey(store, 'order', requireId('orderId', orderId), 'detail'),

  /**
   * Who owns an order (customer, guest email, channel, status): what the notes room checks before accepting a
   * note. Outside `orderPrefix` on purpose: a note write changes staff_notes, never the owner.
   */
  orderOwner: (store: string, orderId: number): CacheKey =>
    buildKey(store, 'owner', requireId('orderId', orderId)),

  /**
   * The order record an ownership check just read, kept for seconds so the detail load that follows an
   * accepted check does not read it again. Inside `orderPrefix`: a write to the order drops it.
   */
  orderHeader: (store: string, orderId: number): CacheKey =>
    buildKey(store, 'order', requireId('orderId', orderId), 'header'),

  /** Everything cached about one order; a note written to it invalidates this. */
  orderPrefix: (store: string, orderId: number): CacheKeyPrefix =>
    buildPrefix(store, 'order', requireId('orderId', orderId)),

  /**
   * One assembled context page of a ticket, for one session shape (market, claims, locale, cursor): the
   * warm path of a ticket view is a single lookup of this key.
   */
  contextPage: (store: string, ticket: string, shape: readonly string[]): CacheKey =>
    buildKey(store, 'ticket', requireText('ticket', ticket), 'context', ...shape),

  /**
   * The orders a ticket's context listed in one market (so they are its shopper's): an order on this list is
   * shown or noted without another ownership lookup. Under `ticketPrefix`, so a new link forgets it.
   */
  ticketOrders: (store: string, ticket: string, market: string): CacheKey =>
    buildKey(store, 'ticket', requireText('ticket', ticket), 'orders', requireText('market', market)),

  /** Everything cached for one ticket; a new link for the ticket invalidates this. */
  ticketPrefix: (store: string, ticket: string): CacheKeyPrefix =>
    buildPrefix(store, 'ticket', requireText('ticket', ticket)),

  storeInfo: (store: string): CacheKey => buildKey(store, 'store-info'),

  /** Everything cached for one store (config reload, credentials changed). */
  storePrefix: (store: string): CacheKeyPrefix => buildPrefix(store),
} as const;

/** The store a key belongs to: its first segment, decoded. */
export function storeOfKey(key: CacheKey): string {
  const end = key.indexOf(SEPARATOR);
  return decodeURIComponent(end < 0 ? key : key.slice(0, end));
}

function buildKey(store: string, ...segments: Array<string | number>): CacheKey {
  return [requireStore(store), ...segments].map(encodeSegment).join(SEPARATOR) as CacheKey;
}

function buildPrefix(store: string, ...segments: Array<string | number>): CacheKeyPrefix {
  return [requireStore(store), ...segments]
    .map((s) => encodeSegment(s) + SEPARATOR)
    .join('') as CacheKeyPrefix;
}

function ownerSegments(owner: OrderOwner): Array<string | number> {
  return 'customerId' in owner
    ? ['orders', 'customer', requireId('customerId', owner.customerId)]
    : ['orders', 'email', normalizeEmail(owner.email)];
}

function formatChannels(channels: readonly number[] | undefined): string {
  if (channels === undefined) return 'all';
  // An empty list is a market that covers no channel: distinct from "all", so it gets its own key.
  if (channels.length === 0) return 'none';
  const ids = [...new Set(channels.map((id) => requireId('channel', id)))];
  return ids.sort((a, b) => a - b).join('.');
}

function encodeSegment(segment: string | number): string {
  return encodeURIComponent(String(segment));
}

// Programmer errors, not user input: routes validate ids first. A NaN or empty value would otherwise
// turn into a key like "undefined" that unrelated lookups share.
function requireStore(store: string): string {
  if (typeof store !== 'string' || store.length === 0) throw new TypeError('A cache key needs a store key.');
  return store;
}

function requireId(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`A cache key needs a positive integer ${name}, got ${String(value)}.`);
  }
  return value;
}

function requireText(name: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`A cache key needs a ${name}.`);
  return value;
}

function normalizeEmail(email: string): string {
  if (typeof email !== 'string' || email.length === 0) throw new TypeError('A cache key needs an email.');
  return email.toLowerCase();
}
