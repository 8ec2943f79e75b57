// Registered customers (customers v3 shape). Fixed indexes are the personas; the rest are random shoppers.
import type { SeedContext } from './seed-context.js';
import type { Person } from './seed-people.js';
import { weighted } from './seed-random.js';
import { DAY, HOUR, SANDBOX_BASE_DATE_MS } from './seed-time.js';
import { formatIso } from './format.js';
import type { RawCustomer } from './types.js';

export const CUSTOMER_COUNT = 48;
/** Index of the shopper whose email uses plus-addressing. */
export const PLUS_ADDRESS_INDEX = 7;

export function createCustomers(
  ctx: Pick<SeedContext, 'prng' | 'people'>,
  firstCustomerId: number,
): { customers: RawCustomer[]; customerPeople: Person[] } {
  const { prng } = ctx;
  const { makePerson } = ctx.people;
  const customers: RawCustomer[] = [];
  const customerPeople: Person[] = [];
  for (let i = 0; i < CUSTOMER_COUNT; i++) {
    const channelIndex = i > 3 && i % 6 === 5 ? 1 : 0;
    const withCompany = i > 3 && prng.chance(0.2);
    const person = makePerson(channelIndex, withCompany);
    if (i === PLUS_ADDRESS_INDEX) {
      // Plus-addressing: a client that forgets to URL-encode `+` in ?email= or email:in= misses this shopper.
      person.email = person.email.replace('@', '+shop@');
    }
    const id = firstCustomerId + i;
    customerPeople.push(person);
    customers.push(buildCustomer(prng, person, id, i, channelIndex));
  }
  return { customers, customerPeople };
}

/** One customer record for a person (the PRNG draws in a fixed order: the same seed, the same record). */
export function buildCustomer(
  prng: SeedContext['prng'],
  person: Person,
  id: number,
  index: number,
  channelIndex: number,
): RawCustomer {
  const group = person.company
    ? 2
    : weighted(prng, [
        [0, 5],
        [1, 3],
        [3, 1],
      ]);
  const created = SANDBOX_BASE_DATE_MS - prng.int(735, 1100) * DAY + prng.int(0, 23) * HOUR;
  return {
    id,
    email: person.email,
    first_name: person.firstName,
    last_name: person.lastName,
    company: person.company,
    phone: person.phone,
    registration_ip_address: `198.51.100.${prng.int(2, 254)}`,
    notes:
      index % 9 === 4
        ? prng.pick(['Prefers contact by email.', 'VIP – handle with care.', 'Wholesale terms: net 30.'])
        : '',
    tax_exempt_category: person.company && prng.chance(0.3) ? 'G' : '',
    customer_group_id: group,
    date_created: formatIso(created),
    date_modified: formatIso(created + prng.int(1, 400) * DAY),
    address_count: 1,
    attribute_count: 0,
    authentication: { force_password_reset: false },
    accepts_product_review_abandoned_cart_emails: prng.chance(0.5),
    store_credit_amounts: [{ amount: index % 11 === 7 ? 25 : 0 }],
    origin_channel_id: channelIndex + 1,
    channel_ids: null,
    addresses: [
      {
        id: id * 10 + 1,
        customer_id: id,
        first_name: person.firstName,
        last_name: person.lastName,
        company: person.company,
        address1: person.street,
        address2: '',
        city: person.place.city,
        state_or_province: person.place.state,
        postal_code: person.place.zip,
        country: person.place.country,
        country_code: person.place.countryIso2,
        phone: person.phone,
        address_type: person.company ? 'commercial' : 'residential',
      },
    ],
  };
}
