// Static pools the seed generator draws from: names, places, products, carriers and shipping methods
// per sandbox region. Phone numbers use fictional ranges (555-01xx in the US, Ofcom drama numbers in
// the UK) and emails use reserved example domains, so nothing here points at a real person.
import type { Prng } from './prng.js';

export type Region = 'eu' | 'us';

export interface Place {
  country: string;
  countryIso2: string;
  city: string;
  state: string;
  zip: string;
  streets: readonly string[];
  locale: string;
  /** `#` is replaced by a random digit. */
  phonePattern: string;
  /** Street number before the name (US/UK) or after it (continental Europe). */
  numberFirst: boolean;
}

export interface CatalogProduct {
  productId: number;
  name: string;
  sku: string;
  brand: string;
  /** EU: gross price incl. VAT; US: net price. Integer cents. */
  priceCents: number;
  weight: string;
  digital: boolean;
  options: readonly { name: string; values: readonly string[] }[];
}

export interface Carrier {
  /** `shipping_provider` value for natively integrated providers. */
  provider: string;
  /** AfterShip-style `tracking_carrier` slug. */
  trackingCarrier: string;
  displayName: string;
  trackingNumber(prng: Prng): string;
  trackingUrl(trackingNumber: string): string;
}

export interface ShippingMethod {
  name: string;
  costCents: number;
  carrier: string;
  pickup?: boolean;
}

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export const CARRIERS: Record<string, Carrier> = {
  ups: {
    provider: 'ups',
    trackingCarrier: 'ups',
    displayName: 'UPS',
    trackingNumber: (p) => `1Z${p.chars(UPPER + DIGITS, 6)}${p.chars(DIGITS, 10)}`,
    trackingUrl: (n) => `https://www.ups.com/track?loc=en_US&tracknum=${n}`,
  },
  fedex: {
    provider: 'fedex',
    trackingCarrier: 'fedex',
    displayName: 'FedEx',
    trackingNumber: (p) => `7${p.chars(DIGITS, 11)}`,
    trackingUrl: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  },
  usps: {
    provider: 'usps',
    trackingCarrier: 'usps',
    displayName: 'USPS',
    trackingNumber: (p) => `9400${p.chars(DIGITS, 18)}`,
    trackingUrl: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  },
  dhl: {
    // DHL is not a natively integrated shipping_provider; stores see it as a third-party `carrier_{id}`.
    provider: 'carrier_2',
    trackingCarrier: 'dhl',
    displayName: 'DHL',
    trackingNumber: (p) => `00340434${p.chars(DIGITS, 12)}`,
    trackingUrl: (n) =>
      `https://www.dhl.com/de-en/home/tracking/tracking-parcel.html?submit=1&tracking-id=${n}`,
  },
  royalmail: {
    provider: 'royalmail',
    trackingCarrier: 'royal-mail',
    displayName: 'Royal Mail',
    trackingNumber: (p) => `${p.chars(UPPER, 2)}${p.chars(DIGITS, 9)}GB`,
    trackingUrl: (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
  },
};

export interface RegionProfile {
  region: Region;
  store: {
    name: string;
    domain: string;
    ownerFirst: string;
    ownerLast: string;
    address: string;
    country: string;
    countryCode: string;
    phone: string;
    timezone: { name: string; rawOffset: number; dstOffset: number };
    language: string;
    currency: string;
    currencySymbol: string;
    decimalSeparator: string;
    thousandsSeparator: string;
    symbolLocation: string;
    weightUnits: string;
    dimensionUnits: string;
    industry: string;
    priceEnteredWithTax: boolean;
  };
  channels: {
    id: number;
    name: string;
    type: string;
    platform: string;
    currency: string;
    currencyId: number;
    /** store default -> this channel's currency, 10 decimal places as BigCommerce sends it. */
    exchangeRate: string;
    taxRate: number;
    places: readonly Place[];
    methods: readonly ShippingMethod[];
    orderSource: string;
    externalSource: string | null;
  }[];
  firstNames: readonly string[];
  lastNames: readonly string[];
  secondChannelFirstNames: readonly string[];
  secondChannelLastNames: readonly string[];
  companies: readonly string[];
  emailDomains: readonly string[];
  products: readonly CatalogProduct[];
  gateways: readonly { method: string; gateway: string | null; weight: number; offline?: boolean }[];
  customLabels: Readonly<Record<number, string>>;
  customerMessages: readonly string[];
  staffNotes: readonly string[];
}

const DE_PLACES: Place[] = [
  ['Berlin', 'Berlin', '10435', ['Kastanienallee', 'Schönhauser Allee', 'Oderberger Straße']],
  ['Hamburg', 'Hamburg', '20357', ['Schanzenstraße', 'Eppendorfer Weg']],
  ['München', 'Bayern', '80469', ['Fraunhoferstraße', 'Müllerstraße']],
  ['Köln', 'Nordrhein-Westfalen', '50672', ['Brüsseler Straße', 'Venloer Straße']],
  ['Leipzig', 'Sachsen', '04109', ['Karl-Liebknecht-Straße', 'Gottschedstraße']],
  ['Freiburg im Breisgau', 'Baden-Württemberg', '79098', ['Kaiser-Joseph-Straße', 'Wiehre-Ring']],
].map(([city, state, zip, streets]) => ({
  country: 'Germany',
  countryIso2: 'DE',
  city: city as string,
  state: state as string,
  zip: zip as string,
  streets: streets as string[],
  locale: 'de',
  phonePattern: '+49 30 ### ####',
  numberFirst: false,
}));

const OTHER_EU_PLACES: Place[] = [
  {
    country: 'Netherlands',
    countryIso2: 'NL',
    city: 'Amsterdam',
    state: 'Noord-Holland',
    zip: '1016 GV',
    streets: ['Prinsengracht', 'Haarlemmerstraat'],
    locale: 'nl',
    phonePattern: '+31 20 ### ####',
    numberFirst: false,
  },
  {
    country: 'Netherlands',
    countryIso2: 'NL',
    city: 'Utrecht',
    state: 'Utrecht',
    zip: '3511 LL',
    streets: ['Oudegracht', 'Twijnstraat'],
    locale: 'nl',
    phonePattern: '+31 30 ### ####',
    numberFirst: false,
  },
  {
    country: 'France',
    countryIso2: 'FR',
    city: 'Lyon',
    state: 'Auvergne-Rhône-Alpes',
    zip: '69002',
    streets: ['Rue de la République', 'Rue Mercière'],
    locale: 'fr',
    phonePattern: '+33 4 ## ## ## ##',
    numberFirst: true,
  },
  {
    country: 'Austria',
    countryIso2: 'AT',
    city: 'Wien',
    state: 'Wien',
    zip: '1070',
    streets: ['Neubaugasse', 'Zieglergasse'],
    locale: 'de',
    phonePattern: '+43 1 ### ####',
    numberFirst: false,
  },
];

const UK_PLACES: Place[] = [
  ['London', 'Greater London', 'EC1V 9HX', ['City Road', 'Upper Street']],
  ['Manchester', 'Greater Manchester', 'M4 1HN', ['Oldham Street', 'Tib Street']],
  ['Edinburgh', 'Scotland', 'EH1 1QS', ['Victoria Street', 'Cockburn Street']],
  ['Bristol', 'Bristol', 'BS1 4DJ', ['Park Street', 'Gloucester Road']],
].map(([city, state, zip, streets]) => ({
  country: 'United Kingdom',
  countryIso2: 'GB',
  city: city as string,
  state: state as string,
  zip: zip as string,
  streets: streets as string[],
  locale: 'en-GB',
  phonePattern: '+44 20 7946 0###',
  numberFirst: true,
}));

const US_PLACES: Place[] = [
  ['Austin', 'Texas', '78704', ['S Congress Ave', 'Barton Springs Rd']],
  ['Denver', 'Colorado', '80205', ['Larimer St', 'Blake St']],
  ['Boulder', 'Colorado', '80302', ['Pearl St', 'Mapleton Ave']],
  ['Portland', 'Oregon', '97209', ['NW 23rd Ave', 'NW Glisan St']],
  ['Seattle', 'Washington', '98122', ['E Pike St', '15th Ave E']],
  ['Salt Lake City', 'Utah', '84111', ['S 300 E', 'E 900 S']],
  ['Asheville', 'North Carolina', '28801', ['Haywood St', 'Lexington Ave']],
  ['Brooklyn', 'New York', '11211', ['Bedford Ave', 'Grand St']],
].map(([city, state, zip, streets]) => ({
  country: 'United States',
  countryIso2: 'US',
  city: city as string,
  state: state as string,
  zip: zip as string,
  streets: streets as string[],
  locale: 'en',
  phonePattern: '(###) 555-01##',
  numberFirst: true,
}));

const EU_PRODUCTS: CatalogProduct[] = [
  [
    'Leinen-Bettwäsche Set 135x200',
    'NL-LIN-135',
    'Nordlicht',
    8990,
    [{ name: 'Farbe', values: ['Salbei', 'Sand', 'Nebelgrau'] }],
  ],
  ['Merino Wolldecke', 'NL-MER-THR', 'Nordlicht', 12900, [{ name: 'Farbe', values: ['Natur', 'Anthrazit'] }]],
  ['Steingut Becher 4er-Set', 'NL-STG-MUG4', 'Kiln & Co', 3400, []],
  ['Eichen Servierbrett', 'NL-OAK-BRD', 'Holzwerk', 4590, [{ name: 'Größe', values: ['M', 'L'] }]],
  ['Keramik Tischleuchte', 'NL-LMP-CER', 'Lumen', 11900, []],
  ['Wollteppich 160x230', 'NL-RUG-160', 'Nordlicht', 34900, []],
  [
    'Baumwoll-Badetuch',
    'NL-TWL-BTH',
    'Nordlicht',
    2990,
    [{ name: 'Farbe', values: ['Weiß', 'Salbei', 'Terracotta'] }],
  ],
  ['Duftkerze Feige', 'NL-CND-FIG', 'Atelier Flamme', 2490, []],
  ['Glaskaraffe 1 L', 'NL-GLS-CRF', 'Kiln & Co', 3290, []],
  ['Gusseisenpfanne 26 cm', 'NL-CIS-26', 'Eisenherz', 7990, []],
  ['Leinen-Tischdecke', 'NL-LIN-TBL', 'Nordlicht', 5990, [{ name: 'Größe', values: ['140x200', '140x250'] }]],
  ['Rattan Wäschekorb', 'NL-RAT-BSK', 'Holzwerk', 6490, []],
  ['Digitaler Geschenkgutschein', 'NL-GIFT-DIG', 'Nordlicht', 5000, []],
].map(([name, sku, brand, price, options], index) => ({
  productId: 101 + index,
  name: name as string,
  sku: sku as string,
  brand: brand as string,
  priceCents: price as number,
  weight: (sku as string).includes('GIFT')
    ? '0.0000'
    : `${1 + (index % 4)}.${index % 2 === 0 ? '2500' : '8000'}`,
  digital: (sku as string).includes('GIFT'),
  options: options as CatalogProduct['options'],
}));

const US_PRODUCTS: CatalogProduct[] = [
  [
    'Trailhead 40L Backpack',
    'CO-BP-40',
    'Canyon',
    15900,
    [{ name: 'Color', values: ['Slate', 'Rust', 'Moss'] }],
  ],
  [
    'Ridge Down Jacket',
    'CO-JKT-RDG',
    'Canyon',
    22900,
    [
      { name: 'Size', values: ['S', 'M', 'L', 'XL'] },
      { name: 'Color', values: ['Black', 'Ember'] },
    ],
  ],
  ['Summit Trekking Poles (pair)', 'CO-POLE-SMT', 'Alpenglow', 8900, []],
  ['Basecamp 2P Tent', 'CO-TNT-2P', 'Canyon', 34900, []],
  ['Merino Hiking Socks 3-Pack', 'CO-SCK-MER3', 'Wool Trail', 3900, [{ name: 'Size', values: ['M', 'L'] }]],
  [
    'Insulated Bottle 32 oz',
    'CO-BTL-32',
    'Canyon',
    3495,
    [{ name: 'Color', values: ['Sage', 'Sand', 'Navy'] }],
  ],
  ['Headlamp 400', 'CO-HL-400', 'Brightpath', 4495, []],
  ['Stormline Rain Shell', 'CO-RSH-STM', 'Canyon', 17900, [{ name: 'Size', values: ['S', 'M', 'L'] }]],
  ['Trail Camp Stove', 'CO-STV-TRL', 'Alpenglow', 7900, []],
  ['Packable Sleeping Pad', 'CO-PAD-PK', 'Canyon', 11900, []],
  ['Canyon E-Gift Card', 'CO-GIFT-DIG', 'Canyon', 5000, []],
].map(([name, sku, brand, price, options], index) => ({
  productId: 201 + index,
  name: name as string,
  sku: sku as string,
  brand: brand as string,
  priceCents: price as number,
  weight: (sku as string).includes('GIFT')
    ? '0.0000'
    : `${1 + (index % 5)}.${index % 2 === 0 ? '5000' : '1000'}`,
  digital: (sku as string).includes('GIFT'),
  options: options as CatalogProduct['options'],
}));

const EU_METHODS: ShippingMethod[] = [
  { name: 'DHL Paket', costCents: 495, carrier: 'dhl' },
  { name: 'UPS Standard', costCents: 690, carrier: 'ups' },
  { name: 'FedEx International Economy', costCents: 1490, carrier: 'fedex' },
  { name: 'Kostenloser Versand', costCents: 0, carrier: 'dhl' },
  { name: 'Abholung im Laden', costCents: 0, carrier: '', pickup: true },
];

const UK_METHODS: ShippingMethod[] = [
  { name: 'Royal Mail Tracked 48', costCents: 395, carrier: 'royalmail' },
  { name: 'UPS Express Saver', costCents: 1290, carrier: 'ups' },
  { name: 'DHL Express', costCents: 1590, carrier: 'dhl' },
  { name: 'Click & Collect', costCents: 0, carrier: '', pickup: true },
];

const US_METHODS: ShippingMethod[] = [
  { name: 'USPS Priority Mail', costCents: 895, carrier: 'usps' },
  { name: 'UPS Ground', costCents: 1095, carrier: 'ups' },
  { name: 'FedEx 2Day', costCents: 1995, carrier: 'fedex' },
  { name: 'Free Shipping', costCents: 0, carrier: 'usps' },
  { name: 'DHL Express Worldwide', costCents: 2995, carrier: 'dhl' },
  { name: 'Pickup In Store', costCents: 0, carrier: '', pickup: true },
];

export const REGION_PROFILES: Record<Region, RegionProfile> = {
  eu: {
    region: 'eu',
    store: {
      name: 'Nordlicht Living',
      domain: 'nordlicht-living.example',
      ownerFirst: 'Katrin',
      ownerLast: 'Albers',
      address: 'Nordlicht Living GmbH\nKastanienallee 12\n10435 Berlin\nGermany',
      country: 'Germany',
      countryCode: 'DE',
      phone: '+49 30 9018 4420',
      timezone: { name: 'Europe/Berlin', rawOffset: 3600, dstOffset: 7200 },
      language: 'de',
      currency: 'EUR',
      currencySymbol: '€',
      decimalSeparator: ',',
      thousandsSeparator: '.',
      symbolLocation: 'right',
      weightUnits: 'KGS',
      dimensionUnits: 'Centimeters',
      industry: 'Home & Garden',
      priceEnteredWithTax: true,
    },
    channels: [
      {
        id: 1,
        name: 'Nordlicht Living DE',
        type: 'storefront',
        platform: 'bigcommerce',
        currency: 'EUR',
        currencyId: 1,
        exchangeRate: '1.0000000000',
        taxRate: 0.19,
        places: [...DE_PLACES, ...DE_PLACES, ...OTHER_EU_PLACES],
        methods: EU_METHODS,
        orderSource: 'www',
        externalSource: null,
      },
      {
        id: 2,
        name: 'Nordlicht Living UK',
        type: 'storefront',
        platform: 'bigcommerce',
        currency: 'GBP',
        currencyId: 2,
        exchangeRate: '0.8650000000',
        taxRate: 0.2,
        places: UK_PLACES,
        methods: UK_METHODS,
        orderSource: 'www',
        externalSource: null,
      },
    ],
    firstNames: [
      'Anna',
      'Lukas',
      'Sophie',
      'Jonas',
      'Lea',
      'Felix',
      'Marie',
      'Paul',
      'Emma',
      'Noah',
      'Clara',
      'Elias',
      'Hannah',
      'Maximilian',
      'Julia',
      'Thomas',
      'Sabine',
      'Stefan',
      'Jana',
      'Jan',
      'Daan',
      'Sanne',
      'Lotte',
      'Camille',
      'Hugo',
      'Chloé',
      'Jürgen',
      'Zoë',
    ],
    lastNames: [
      'Müller',
      'Schmidt',
      'Schneider',
      'Fischer',
      'Weber',
      'Meyer',
      'Wagner',
      'Becker',
      'Hoffmann',
      'Schulz',
      'Koch',
      'Richter',
      'Krüger',
      'de Vries',
      'van Dijk',
      'Jansen',
      'Bakker',
      'Dubois',
      'Lefèvre',
      'Moreau',
      'Öztürk',
      'Nowak',
    ],
    secondChannelFirstNames: [
      'Oliver',
      'Amelia',
      'George',
      'Isla',
      'Harry',
      'Ava',
      'Jack',
      'Emily',
      'Charlotte',
      'James',
      'Freya',
      'Arthur',
    ],
    secondChannelLastNames: [
      'Smith',
      'Jones',
      'Taylor',
      'Brown',
      'Williams',
      'Wilson',
      'Evans',
      'Roberts',
      'Walker',
      "O'Brien",
      'Patel',
      'MacDonald',
    ],
    companies: [
      'Hotel Seeblick GmbH',
      'Atelier Moreau SARL',
      'Café Kranich',
      'Studio Bakker B.V.',
      'Praxis Dr. Weber',
      'Harbour & Co Ltd',
    ],
    emailDomains: ['example.com', 'example.net', 'example.org', 'mail.example.de', 'post.example.nl'],
    products: EU_PRODUCTS,
    gateways: [
      { method: 'Credit Card', gateway: 'stripe', weight: 40 },
      { method: 'Credit Card', gateway: 'adyenv2', weight: 15 },
      { method: 'PayPal Express', gateway: null, weight: 25 },
      { method: 'Bank Deposit', gateway: null, weight: 10, offline: true },
      { method: 'Amazon Pay', gateway: null, weight: 10 },
    ],
    customLabels: { 9: 'Versandbereit', 11: 'In Bearbeitung', 12: 'Prüfung Zahlung' },
    customerMessages: [
      'Bitte beim Nachbarn im 2. OG abgeben, falls ich nicht da bin.',
      'Es ist ein Geschenk – bitte keine Rechnung ins Paket legen.',
      'Please deliver after 17:00, thank you!',
      'Klingel defekt, bitte anrufen.',
      'Could you gift-wrap the candle? Happy to pay extra.',
    ],
    staffNotes: [
      'Kundin hat angerufen: Lieferadresse telefonisch bestätigt. – Jana (CS)',
      'Ersatzteil nachgeliefert, keine Kosten berechnet.',
      'Customer asked to combine with next order – declined, shipped separately.',
      'Adresse korrigiert (Hausnummer fehlte). – Stefan',
    ],
  },
  us: {
    region: 'us',
    store: {
      name: 'Canyon Outfitters',
      domain: 'canyon-outfitters.example',
      ownerFirst: 'Dana',
      ownerLast: 'Whitaker',
      address: 'Canyon Outfitters Inc.\n1800 Larimer St\nDenver, CO 80202\nUnited States',
      country: 'United States',
      countryCode: 'US',
      phone: '(555) 010-4477',
      timezone: { name: 'America/Denver', rawOffset: -25200, dstOffset: -21600 },
      language: 'en',
      currency: 'USD',
      currencySymbol: '$',
      decimalSeparator: '.',
      thousandsSeparator: ',',
      symbolLocation: 'left',
      weightUnits: 'LBS',
      dimensionUnits: 'Inches',
      industry: 'Sporting Goods',
      priceEnteredWithTax: false,
    },
    channels: [
      {
        id: 1,
        name: 'Canyon Outfitters',
        type: 'storefront',
        platform: 'bigcommerce',
        currency: 'USD',
        currencyId: 1,
        exchangeRate: '1.0000000000',
        taxRate: 0.0825,
        places: US_PLACES,
        methods: US_METHODS,
        orderSource: 'www',
        externalSource: null,
      },
      {
        id: 2,
        name: 'Canyon Outfitters on Amazon',
        type: 'marketplace',
        platform: 'amazon',
        currency: 'USD',
        currencyId: 1,
        exchangeRate: '1.0000000000',
        taxRate: 0.0825,
        places: US_PLACES,
        methods: US_METHODS.filter((m) => !m.pickup),
        orderSource: 'external',
        externalSource: 'Amazon',
      },
    ],
    firstNames: [
      'Olivia',
      'Liam',
      'Emma',
      'Noah',
      'Ava',
      'Mason',
      'Sophia',
      'Ethan',
      'Isabella',
      'Lucas',
      'Mia',
      'Jackson',
      'Harper',
      'Aiden',
      'Evelyn',
      'Carlos',
      'Priya',
      'Wei',
      'Aaliyah',
      'Diego',
      'Hannah',
      'Marcus',
    ],
    lastNames: [
      'Johnson',
      'Williams',
      'Garcia',
      'Miller',
      'Davis',
      'Rodriguez',
      'Martinez',
      'Anderson',
      'Thompson',
      'Nguyen',
      'Kim',
      'Patel',
      'Robinson',
      'Clark',
      'Lewis',
      'Hernandez',
      "O'Connor",
      'Washington',
    ],
    secondChannelFirstNames: ['Riley', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Avery'],
    secondChannelLastNames: ['Brooks', 'Reed', 'Foster', 'Hayes', 'Bennett', 'Coleman'],
    companies: [
      'Alpine Guides LLC',
      'Front Range Scouts',
      'Red Rock Adventures',
      'Summit Youth Camp',
      'Trailworks Co.',
    ],
    emailDomains: ['example.com', 'example.net', 'example.org', 'mail.example.us'],
    products: US_PRODUCTS,
    gateways: [
      { method: 'Credit Card', gateway: 'braintree', weight: 45 },
      { method: 'Credit Card', gateway: 'stripe', weight: 20 },
      { method: 'PayPal Express', gateway: null, weight: 20 },
      { method: 'Test Payment Gateway', gateway: null, weight: 8 },
      { method: 'Cash on Delivery', gateway: null, weight: 7, offline: true },
    ],
    customLabels: { 9: 'Ready to Ship', 11: 'Processing', 13: 'Chargeback' },
    customerMessages: [
      'Please leave the package at the back door.',
      'This is a birthday gift, please do not include the receipt.',
      'Need it before our trip on Friday if at all possible!',
      'Gate code is 4411.',
    ],
    staffNotes: [
      'Customer called about sizing, exchanged M for L. - Marcus (CS)',
      'Address verified with customer by phone.',
      'Expedited at no charge as a courtesy.',
      'Fraud check passed manually. - Dana',
    ],
  },
};
