/**
 * An order with its consignments in one call: `GET /v2/orders/{id}?include=consignments.line_items&
 * consignment_structure=object` (orders.v2 spec, parameter `consignment_structure`). The consignments carry what
 * `/products` and `/shipping_addresses` would answer (the line items per address, the address fields and the
 * shipping method), so an order detail needs two calls fewer of the store's shared quota.
 *
 * Shapes (orders.v2 `orderConsignment_Get`): `{pickups, shipping, downloads, email: {gift_certificates}}`;
 * shipping consignments are shipping addresses whose costs are numbers; pickups name a store location instead
 * of an address; line items are full `orderProducts` records when `.line_items` is included.
 */
import * as z from 'zod';

const list = z
  .array(z.unknown())
  .nullish()
  .transform((value) => value ?? []);

const consignmentWithLines = z.looseObject({ line_items: list });

/** The part of the envelope we read; each record inside is validated on its own by the client. */
export const consignmentsEnvelope = z.looseObject({
  consignments: z
    .looseObject({
      shipping: list,
      pickups: list,
      downloads: list,
      email: z.looseObject({ gift_certificates: list }).nullish(),
    })
    .nullish(),
});

const pickupLocation = z
  .looseObject({
    name: z.string().nullish(),
    address_line_1: z.string().nullish(),
    address_line_2: z.string().nullish(),
    city: z.string().nullish(),
    state: z.string().nullish(),
    postal_code: z.string().nullish(),
    country_alpha2: z.string().nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
  })
  .nullish();

const pickupConsignment = z.looseObject({
  id: z.unknown(),
  pickup_method_display_name: z.string().nullish(),
  location: pickupLocation,
  line_items: list,
});

/** The line items of every consignment (shipping, pickup, digital, gift certificates), raw. */
export function collectRawLineItems(
  consignments: z.output<typeof consignmentsEnvelope>['consignments'],
): unknown[] {
  if (!consignments) return [];
  const groups = [
    ...consignments.shipping,
    ...consignments.pickups,
    ...consignments.downloads,
    ...(consignments.email?.gift_certificates ?? []),
  ];
  return groups.flatMap((group) => {
    const parsed = consignmentWithLines.safeParse(group);
    return parsed.success ? parsed.data.line_items : [];
  });
}

/**
 * Shipping consignments, and pickups as the address the shopper collects from (the store location), both in
 * the raw `/shipping_addresses` shape the shipping-address schema reads. Unreadable entries pass through
 * unchanged so that schema reports them as invalid records.
 */
export function toRawShippingAddresses(
  consignments: z.output<typeof consignmentsEnvelope>['consignments'],
  orderId: number,
): unknown[] {
  if (!consignments) return [];
  const shipping = consignments.shipping.map((entry) =>
    typeof entry === 'object' && entry !== null ? { ...entry, order_id: orderId } : entry,
  );
  const pickups = consignments.pickups.map((entry) => {
    const pickup = pickupConsignment.safeParse(entry);
    if (!pickup.success) return entry;
    const location = pickup.data.location;
    const lines = pickup.data.line_items.length;
    return {
      id: pickup.data.id,
      order_id: orderId,
      first_name: '',
      last_name: '',
      company: location?.name ?? '',
      street_1: location?.address_line_1 ?? '',
      street_2: location?.address_line_2 ?? '',
      city: location?.city ?? '',
      state: location?.state ?? '',
      zip: location?.postal_code ?? '',
      country: '',
      country_iso2: location?.country_alpha2 ?? '',
      phone: location?.phone ?? '',
      email: location?.email ?? '',
      shipping_method: pickup.data.pickup_method_display_name ?? '',
      items_total: lines,
      items_shipped: 0,
    };
  });
  return [...shipping, ...pickups];
}
