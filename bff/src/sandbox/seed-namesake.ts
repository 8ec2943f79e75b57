// A second shopper with the registered persona's name, another email and another city, and orders of their own:
// why search results show email, city and last order (issue 13.6). Drawn from a PRNG of its own after everything
// else, so the rest of the seeded data stays byte-identical.
import type { Draft } from './order-draft.js';
import type { SeedContext } from './seed-context.js';
import { buildCustomer } from './seed-customers.js';
import { foldToAscii, type Person } from './seed-people.js';
import { HOUR, SANDBOX_BASE_DATE_MS } from './seed-time.js';
import type { RawCustomer } from './types.js';

/** Days ago the namesake ordered: once inside the index's 90-day window, once long before. */
const ORDER_AGES_DAYS = [18, 240] as const;

export function createNamesake(
  ctx: Pick<SeedContext, 'prng' | 'profile'>,
  original: Person,
  customerId: number,
  /** Emails already taken in the store. */
  takenEmails: ReadonlySet<string>,
): { customer: RawCustomer; person: Person; drafts: Draft[] } {
  const { prng, profile } = ctx;
  const places = profile.channels[0]!.places.filter((place) => place.city !== original.place.city);
  const place = prng.pick(places);
  const street = prng.pick(place.streets);
  const houseNumber = prng.int(1, 180);
  const domains = profile.emailDomains.filter((domain) => !original.email.endsWith(`@${domain}`));
  const local = `${foldToAscii(original.firstName)}.${foldToAscii(original.lastName)}`;
  const domain = prng.pick(domains);
  let email = `${local}@${domain}`;
  for (let n = 2; takenEmails.has(email); n++) email = `${local}${n}@${domain}`;
  const person: Person = {
    firstName: original.firstName,
    lastName: original.lastName,
    email,
    company: '',
    phone: '',
    place,
    street: place.numberFirst ? `${houseNumber} ${street}` : `${street} ${houseNumber}`,
  };
  // Index 0, as the registered persona: no customer notes, no store credit to tell them apart by.
  const customer = buildCustomer(prng, person, customerId, 0, 0);
  const drafts = ORDER_AGES_DAYS.map((days, k): Draft => {
    const createdMs = SANDBOX_BASE_DATE_MS - (days * 24 + prng.int(0, 23)) * HOUR;
    return {
      customerId,
      person,
      channelIndex: 0,
      createdMs,
      sequenceMs: createdMs,
      imported: false,
      scenario: null,
      // Shipped recently, completed long ago.
      statusId: k === 0 ? 2 : 10,
    };
  });
  return { customer, person, drafts };
}
