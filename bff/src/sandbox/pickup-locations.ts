// Where "pickup" shipping methods (e.g. "Abholung im Laden", "Pickup In Store") are collected: the store's
// own shop, shaped as orders.v2.oas2.yml `pickupConsignmentLocation_Get` for pickup consignments.
import type { Region } from './seed-catalog.js';

export interface PickupLocation {
  id: number;
  name: string;
  code: string;
  address_line_1: string;
  address_line_2: string;
  city: string;
  state: string;
  postal_code: string;
  country_alpha2: string;
  email: string;
  phone: string;
}

export interface PickupDetails {
  collectionInstructions: string;
  collectionTimeDescription: string;
  location: PickupLocation;
}

export const PICKUP_DETAILS: Record<Region, PickupDetails> = {
  eu: {
    collectionInstructions: 'Bitte Abholschein und Ausweis mitbringen.',
    collectionTimeDescription: 'Mo–Sa 10–19 Uhr, ab 2 Stunden nach der Bestellung',
    location: {
      id: 1,
      name: 'Nordlicht Living Showroom Berlin',
      code: 'BER-1',
      address_line_1: 'Kastanienallee 12',
      address_line_2: '',
      city: 'Berlin',
      state: 'Berlin',
      postal_code: '10435',
      country_alpha2: 'DE',
      email: 'showroom@nordlicht-living.example',
      phone: '+49 30 9018 4420',
    },
  },
  us: {
    collectionInstructions: 'Bring your order confirmation and a photo ID.',
    collectionTimeDescription: 'Mon–Sat 9am–7pm, ready within 2 hours',
    location: {
      id: 1,
      name: 'Canyon Outfitters Denver Flagship',
      code: 'DEN-1',
      address_line_1: '1800 Larimer St',
      address_line_2: '',
      city: 'Denver',
      state: 'Colorado',
      postal_code: '80202',
      country_alpha2: 'US',
      email: 'denver@canyon-outfitters.example',
      phone: '(555) 010-4477',
    },
  },
};
