// Shipments of one order: full for shipped statuses, part of the first line for Partially Shipped, with
// tracking exposed the three ways BigCommerce does (see reference (c) "Tracking link changed").
import { formatRfc2822 } from './format.js';
import type { Draft } from './order-draft.js';
import type { SeedContext } from './seed-context.js';
import { CARRIERS, type RegionProfile } from './seed-catalog.js';
import { clampToBase, HOUR } from './seed-time.js';
import type { RawOrderProduct, RawShipment, RawShippingAddress } from './types.js';

const SHIPPED_STATUSES = new Set([2, 10, 13, 14]);

export interface ShipmentsInput {
  id: number;
  draft: Draft;
  channel: RegionProfile['channels'][number];
  lines: RawOrderProduct[];
  shippingAddresses: RawShippingAddress[];
  digitalOnly: boolean;
}

export interface ShipmentsResult {
  shipments: RawShipment[];
  /** For Refunded orders: whether the goods went out (and came back) before the refund. */
  shippedBeforeRefund: boolean;
  fullyShipped: boolean;
  lastShipped: number;
}

/** Also marks quantity_shipped / items_shipped on the lines and addresses it ships. */
export function buildShipments(ctx: SeedContext, input: ShipmentsInput): ShipmentsResult {
  const { profile, prng, counters } = ctx;
  const { toAddress } = ctx.people;
  const { id, draft, channel, lines, shippingAddresses, digitalOnly } = input;
  const statusId = draft.statusId;
  const scenario = draft.scenario;
  const shipments: RawShipment[] = [];
  const shippedBeforeRefund = statusId === 4 ? scenario === 'refunded' || prng.chance(0.6) : true;
  const fullyShipped =
    !digitalOnly && (SHIPPED_STATUSES.has(statusId) || (statusId === 4 && shippedBeforeRefund));
  let lastShipped = 0;
  if (fullyShipped || statusId === 3) {
    shippingAddresses.forEach((address, addressIndex) => {
      if (statusId === 3 && addressIndex > 0) return;
      const addressLines = lines.filter((l) => l.order_address_id === address.id);
      const items = addressLines
        .map((line, lineIndex) => {
          // Partially shipped: only part of the first line's quantity leaves the warehouse.
          const quantity = statusId === 3 ? (lineIndex === 0 ? line.quantity - 1 : 0) : line.quantity;
          return { order_product_id: line.id, product_id: line.product_id, quantity };
        })
        .filter((item) => item.quantity > 0);
      const method = channel.methods.find((m) => m.name === address.shipping_method);
      const carrierKey =
        method?.carrier ||
        (profile.region === 'eu' ? (draft.channelIndex === 1 ? 'royalmail' : 'dhl') : 'ups');
      const carrier = CARRIERS[carrierKey] ?? CARRIERS['ups']!;
      const shipmentId = counters.shipment++;
      const shippedAt = clampToBase(draft.createdMs + prng.int(12, 72) * HOUR);
      lastShipped = Math.max(lastShipped, shippedAt);
      // Three ways BigCommerce exposes tracking: provider + generated link, carrier slug + generated
      // link, or a merchant-supplied custom tracking_link (generated link then empty).
      const style =
        scenario === 'shippedWithTracking' || scenario === 'guestOrder'
          ? 'provider'
          : scenario === 'twoShippingAddresses'
            ? addressIndex === 0
              ? 'provider'
              : 'custom'
            : (['provider', 'carrier', 'custom', 'provider', 'none'] as const)[shipmentId % 5]!;
      const trackingNumber = style === 'none' || method?.pickup ? '' : carrier.trackingNumber(prng);
      const link = trackingNumber ? carrier.trackingUrl(trackingNumber) : '';
      shipments.push({
        id: shipmentId,
        order_id: id,
        customer_id: draft.customerId,
        order_address_id: address.id,
        date_created: formatRfc2822(shippedAt),
        tracking_number: trackingNumber,
        merchant_shipping_cost: '0.0000',
        shipping_method: address.shipping_method,
        comments: style === 'none' ? 'Sent as a letter, no tracking available.' : '',
        shipping_provider: style === 'carrier' || !trackingNumber ? '' : carrier.provider,
        shipping_provider_display_name: trackingNumber ? carrier.displayName : '',
        tracking_carrier: style === 'carrier' ? carrier.trackingCarrier : '',
        tracking_link: style === 'custom' ? link : '',
        generated_tracking_link: style === 'custom' ? '' : link,
        billing_address: toAddress(draft.person),
        shipping_address: {
          first_name: address.first_name,
          last_name: address.last_name,
          company: address.company,
          street_1: address.street_1,
          street_2: address.street_2,
          city: address.city,
          state: address.state,
          zip: address.zip,
          country: address.country,
          country_iso2: address.country_iso2,
          phone: address.phone,
          email: address.email,
        },
        items,
      });
      for (const item of items) {
        const line = lines.find((l) => l.id === item.order_product_id)!;
        line.quantity_shipped += item.quantity;
        address.items_shipped += item.quantity;
      }
    });
  }
  if (fullyShipped && digitalOnly === false) {
    for (const line of lines) line.quantity_shipped = line.quantity;
  }
  if (digitalOnly && (statusId === 10 || statusId === 2))
    for (const line of lines) line.quantity_shipped = line.quantity;
  return { shipments, shippedBeforeRefund, fullyShipped, lastShipped };
}
