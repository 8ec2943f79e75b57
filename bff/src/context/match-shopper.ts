import type { MatchAttempt, MatchMethod } from '../../../shared/index.js';
import type { BcCustomer, BcOrder } from '../bigcommerce/index.js';
import type { LinkRecord } from '../store/index.js';
import type { ShopperLookups } from './shopper-lookups.js';
import { isVisibleOrder } from './order-visibility.js';

export interface ShopperMatch {
  customer: BcCustomer | null;
  /** Whose guest orders (customer_id 0) belong to this ticket: the shopper's email, or the ticket's. */
  guestEmail: string | null;
  method: MatchMethod;
  /** Every identifier tried, in order, with its outcome; the widget shows it as "why this shopper". */
  tried: MatchAttempt[];
}

export interface MatchInput {
  /** The agent's explicit choice for this ticket and market, if any. */
  link: LinkRecord | null;
  /** novomind External ID, taken as the BigCommerce customer id. */
  customerClaim: string | null;
  email: string | null;
  /** Restricts a shopper to the market's channels (channel-specific customer accounts). */
  channels: readonly number[] | undefined;
  /**
   * Whether to look for guest orders before naming the email a guest match (default true). An ownership check
   * skips it: a guest order placed with the email proves the match by itself, and the lookup would cost a
   * round trip.
   */
  probeGuestOrders?: boolean | ((email: string) => Promise<boolean>);
}

// BigCommerce customer ids are positive 32-bit integers; anything else cannot name a customer.
const CUSTOMER_ID = /^[1-9][0-9]{0,9}$/;

export function parseCustomerId(value: string | null): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (!CUSTOMER_ID.test(text)) return null;
  const id = Number(text);
  return id <= 2_147_483_647 ? id : null;
}

/**
 * Who the ticket is about, by the first rule that finds someone (DESIGN §2):
 * a stored link > the External ID claim > the email claim (customers v3 `email:in`) > guest orders placed with
 * that email (customer_id 0) > nobody. Every lookup goes through the request's cached lookups, so a warm match
 * costs no upstream call; a cold one costs one lookup per rule tried.
 */
export async function matchShopper(lookups: ShopperLookups, input: MatchInput): Promise<ShopperMatch> {
  const tried: MatchAttempt[] = [];
  const found = (customer: BcCustomer, method: MatchMethod): ShopperMatch => ({
    customer,
    guestEmail: customer.email || null,
    method,
    tried,
  });

  const { link } = input;
  if (link === null) {
    tried.push({ method: 'link', value: '', outcome: 'not_given' });
  } else if (link.customerId !== null) {
    const customer = await lookups.customerById(link.customerId);
    tried.push({
      method: 'link',
      value: String(link.customerId),
      outcome: customer ? 'matched' : 'not_found',
    });
    if (customer) return found(customer, 'link');
  } else if (link.email !== null) {
    // A link to a guest order: the agent vouched for this email, so no guest order lookup is needed.
    tried.push({ method: 'link', value: link.email, outcome: 'matched' });
    return { customer: null, guestEmail: link.email, method: 'link', tried };
  }

  const claim = input.customerClaim?.trim() ?? '';
  if (claim === '') {
    tried.push({ method: 'external_id', value: '', outcome: 'not_given' });
  } else {
    const id = parseCustomerId(claim);
    // A non-numeric External ID (novomind lets admins store anything there) cannot be a BigCommerce id.
    const customer = id === null ? null : await lookups.customerById(id);
    tried.push({ method: 'external_id', value: claim, outcome: customer ? 'matched' : 'not_found' });
    if (customer) return found(customer, 'external_id');
  }

  const email = input.email?.trim() ?? '';
  if (email === '') {
    tried.push({ method: 'email', value: '', outcome: 'not_given' });
    tried.push({ method: 'guest_email', value: '', outcome: 'not_given' });
    return { customer: null, guestEmail: null, method: 'none', tried };
  }

  const customer = pickCustomer(await lookups.customersByEmail(email), input.channels);
  tried.push({ method: 'email', value: email, outcome: customer ? 'matched' : 'not_found' });
  if (customer) return found(customer, 'email');

  const probe = input.probeGuestOrders;
  const hasGuestOrders =
    probe === false ||
    (typeof probe === 'function' ? await probe(email) : await hasVisibleGuestOrder(lookups, email));
  tried.push({ method: 'guest_email', value: email, outcome: hasGuestOrders ? 'matched' : 'not_found' });
  if (hasGuestOrders) return { customer: null, guestEmail: email, method: 'guest_email', tried };
  return { customer: null, guestEmail: null, method: 'none', tried };
}

/**
 * With channel-specific customer accounts one email can have an account per channel
 * (https://developer.bigcommerce.com/docs/storefront/channel-specific-customers): the one that may shop in
 * the market's channels, or nobody. An account restricted to another market's channels is that market's
 * shopper, never this one's (search and link refuse it the same way).
 */
function pickCustomer(
  customers: readonly BcCustomer[],
  channels: readonly number[] | undefined,
): BcCustomer | null {
  if (customers.length === 0) return null;
  if (channels === undefined) return customers[0] ?? null;
  const fits = customers.find(
    (customer) => customer.channelIds === null || customer.channelIds.some((id) => channels.includes(id)),
  );
  return fits ?? null;
}

// An email whose first pages hold only hidden orders (abandoned checkouts, other channels) is treated as
// having none: probing further would spend the store's shared quota on an unlikely case.
const MAX_GUEST_PROBE_PAGES = 3;

/** Reads guest pages only until the first visible guest order (usually the first page, shared with the list). */
async function hasVisibleGuestOrder(lookups: ShopperLookups, email: string): Promise<boolean> {
  const isGuestOrder = (order: BcOrder): boolean =>
    order.customerId === 0 && isVisibleOrder(order, lookups.channels);
  for (let page = 1; page <= MAX_GUEST_PROBE_PAGES; page += 1) {
    const result = await lookups.orderPage({ email }, page);
    if (result.orders.some(isGuestOrder)) return true;
    if (!result.hasMore) return false;
  }
  return false;
}
