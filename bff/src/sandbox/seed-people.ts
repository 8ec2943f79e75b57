// Shoppers and addresses: names, unique emails (reserved example domains) and places from the region profile.
import type { Prng } from './prng.js';
import type { Place, RegionProfile } from './seed-catalog.js';
import { weighted } from './seed-random.js';
import type { RawAddress } from './types.js';

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  company: string;
  phone: string;
  place: Place;
  street: string;
}

export interface People {
  makePerson: (channelIndex: number, withCompany: boolean) => Person;
  toAddress: (person: Person) => RawAddress;
}

export function foldToAscii(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

export function createPeople(prng: Prng, profile: RegionProfile): People {
  const usedEmails = new Set<string>();
  const usedNames = new Set<string>();

  const makePerson = (channelIndex: number, withCompany: boolean): Person => {
    const channel = profile.channels[channelIndex] ?? profile.channels[0]!;
    const second = channelIndex === 1 && profile.region === 'eu';
    // Distinct full names keep personas unambiguous in the demo (name:like still finds shared surnames).
    let firstName = '';
    let lastName = '';
    for (
      let attempt = 0;
      attempt < 50 && (!firstName || usedNames.has(`${firstName} ${lastName}`));
      attempt++
    ) {
      firstName = prng.pick(second ? profile.secondChannelFirstNames : profile.firstNames);
      lastName = prng.pick(second ? profile.secondChannelLastNames : profile.lastNames);
    }
    usedNames.add(`${firstName} ${lastName}`);
    const company = withCompany ? prng.pick(profile.companies) : '';
    const place = prng.pick(channel.places);
    const streetName = prng.pick(place.streets);
    const houseNumber = prng.int(1, 180);
    const street = place.numberFirst ? `${houseNumber} ${streetName}` : `${streetName} ${houseNumber}`;
    const first = foldToAscii(firstName);
    const last = foldToAscii(lastName);
    const domain = company
      ? `${foldToAscii(company.split(' ')[0] ?? 'firma')}.example`
      : second
        ? 'example.co.uk'
        : prng.pick(profile.emailDomains);
    const local = weighted(prng, [
      [`${first}.${last}`, 5],
      [`${first}${last}${prng.int(70, 99)}`, 2],
      [`${first[0] ?? 'x'}.${last}`, 2],
      [`${first}_${last[0] ?? 'x'}`, 1],
    ]);
    let email = `${local}@${domain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${domain}`;
    usedEmails.add(email);
    const phone = prng.chance(0.6)
      ? place.phonePattern.replace(/#/g, () =>
          String(prng.int(place.phonePattern.startsWith('(') ? 2 : 0, 9)),
        )
      : '';
    return { firstName, lastName, email, company, phone, place, street };
  };

  function toAddress(person: Person): RawAddress {
    return {
      first_name: person.firstName,
      last_name: person.lastName,
      company: person.company,
      street_1: person.street,
      street_2: prng.chance(0.1) ? `${profile.region === 'eu' ? 'Hinterhaus, 3. OG' : 'Apt 4B'}` : '',
      city: person.place.city,
      state: person.place.state,
      zip: person.place.zip,
      country: person.place.country,
      country_iso2: person.place.countryIso2,
      phone: person.phone,
      email: person.email,
    };
  }

  return { makePerson, toAddress };
}
