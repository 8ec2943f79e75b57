// A merchant ships items ("Ship Items" in the control panel, or POST /v2/orders/{id}/shipments): a shipment
// record for one shipping address, quantity_shipped on the lines and items_shipped on the address and the
// order, then the status BigCommerce sets: Shipped (2) once every physical item has left, with date_shipped
// (the date the order became fully shipped, bigcommerce/docs#994), else Partially Shipped (3).
// Fires store/shipment/created, store/order/updated and, when the status changed, store/order/statusUpdated.
// Whether BigCommerce moves the order's date_modified on a shipment is not documented (reference
// sync-novomind-ops.md B2); the sandbox does, because the status changes with it.
import { formatRfc2822 } from './format.js';
import { applyStatus, requireOrder, type MutationContext } from './mutation-context.js';
import { SandboxMutationError } from './mutation-error.js';
import { CARRIERS } from './seed-catalog.js';
import { orderEvent, shipmentEvent, statusUpdatedEvent } from './store-events.js';
import type { RawOrderProduct, RawShipment } from './types.js';

export interface ShipmentItemInput {
  orderProductId: number;
  quantity: number;
}

export interface ShipmentInput {
  /** A carrier key: 'ups', 'fedex', 'usps', 'dhl', 'royalmail'. Default: the shipping method's carrier. */
  carrier?: string;
  /** Default: a fresh number in the carrier's format; '' ships without tracking. */
  trackingNumber?: string;
  /** Default: everything not yet shipped at the first address that has something left. */
  items?: ShipmentItemInput[];
  comments?: string;
}

const remaining = (line: RawOrderProduct): number => line.quantity - line.quantity_shipped;

export function addShipment(ctx: MutationContext, orderId: number, input: ShipmentInput = {}): RawShipment {
  const order = requireOrder(ctx, orderId);
  const { data, internals } = ctx;
  internals.ownSubResources(order.id);
  const lines = data.getProducts(order.id).filter((line) => line.type !== 'digital');
  const addresses = data.getShippingAddresses(order.id);

  let items: { line: RawOrderProduct; quantity: number }[];
  if (input.items !== undefined) {
    if (!Array.isArray(input.items) || input.items.length === 0) {
      throw new SandboxMutationError('invalid_input', 'items must be a non-empty list.');
    }
    items = input.items.map((item) => {
      const line = lines.find((l) => l.id === item.orderProductId);
      if (!line) {
        throw new SandboxMutationError(
          'invalid_input',
          `Line ${item.orderProductId} is not a physical line of order ${order.id}.`,
        );
      }
      if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > remaining(line)) {
        throw new SandboxMutationError(
          'invalid_input',
          `Line ${line.id} has ${remaining(line)} item(s) left to ship, not ${item.quantity}.`,
        );
      }
      return { line, quantity: item.quantity };
    });
  } else {
    const open = addresses.find((address) =>
      lines.some((line) => line.order_address_id === address.id && remaining(line) > 0),
    );
    items = open
      ? lines
          .filter((line) => line.order_address_id === open.id && remaining(line) > 0)
          .map((line) => ({ line, quantity: remaining(line) }))
      : [];
  }
  if (!items.length)
    throw new SandboxMutationError('nothing_to_ship', `Order ${order.id} has nothing left to ship.`);
  const addressId = items[0]!.line.order_address_id;
  if (items.some((item) => item.line.order_address_id !== addressId)) {
    // A BigCommerce shipment belongs to one shipping address (order_address_id).
    throw new SandboxMutationError('invalid_input', 'All items of a shipment must go to the same address.');
  }
  const address = addresses.find((a) => a.id === addressId);
  if (!address)
    throw new SandboxMutationError('nothing_to_ship', `Order ${order.id} has no shipping address.`);

  const profile = internals.ctx.profile;
  const method = profile.channels.flatMap((c) => c.methods).find((m) => m.name === address.shipping_method);
  const carrierKey = input.carrier ?? (method?.carrier || (profile.region === 'eu' ? 'dhl' : 'ups'));
  const carrier = CARRIERS[carrierKey];
  if (!carrier) {
    throw new SandboxMutationError(
      'invalid_input',
      `Unknown carrier '${carrierKey}' (one of ${Object.keys(CARRIERS).join(', ')}).`,
    );
  }
  const trackingNumber =
    input.trackingNumber ?? (method?.pickup ? '' : carrier.trackingNumber(internals.ctx.prng));
  const link = trackingNumber ? carrier.trackingUrl(trackingNumber) : '';
  const { form_fields: _formFields, ...billing } = order.billing_address;
  const shipment: RawShipment = {
    id: internals.ctx.counters.shipment++,
    order_id: order.id,
    customer_id: order.customer_id,
    order_address_id: address.id,
    date_created: formatRfc2822(internals.now()),
    tracking_number: trackingNumber,
    merchant_shipping_cost: '0.0000',
    shipping_method: address.shipping_method,
    comments: input.comments ?? '',
    shipping_provider: trackingNumber ? carrier.provider : '',
    shipping_provider_display_name: trackingNumber ? carrier.displayName : '',
    tracking_carrier: '',
    tracking_link: '',
    generated_tracking_link: link,
    billing_address: billing,
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
    items: items.map(({ line, quantity }) => ({
      order_product_id: line.id,
      product_id: line.product_id,
      quantity,
    })),
  };

  for (const { line, quantity } of items) line.quantity_shipped += quantity;
  address.items_shipped += items.reduce((sum, item) => sum + item.quantity, 0);
  order.items_shipped = data.getProducts(order.id).reduce((sum, line) => sum + line.quantity_shipped, 0);
  const list = data.shipments.get(order.id);
  if (list) list.push(shipment);
  else data.shipments.set(order.id, [shipment]);

  const previous = order.status_id;
  const fullyShipped = lines.every((line) => remaining(line) === 0);
  applyStatus(ctx, order, fullyShipped ? 2 : 3);
  if (fullyShipped) order.date_shipped = formatRfc2822(internals.now());
  internals.touchOrder(order);

  ctx.emit(shipmentEvent('created', shipment.id, order.id));
  ctx.emit(orderEvent('updated', order.id));
  if (order.status_id !== previous) ctx.emit(statusUpdatedEvent(order.id, previous, order.status_id));
  return shipment;
}

export interface ShipmentUpdate {
  trackingNumber?: string;
  carrier?: string;
  comments?: string;
}

/** Changes a shipment's tracking (webhooks.v3.yml: store/shipment/updated fires on tracking number changes). */
export function updateShipment(
  ctx: MutationContext,
  orderId: number,
  shipmentId: number,
  update: ShipmentUpdate,
): RawShipment {
  const order = requireOrder(ctx, orderId);
  const shipment = ctx.data.shipments.get(order.id)?.find((s) => s.id === shipmentId);
  if (!shipment) {
    throw new SandboxMutationError('shipment_not_found', `Order ${order.id} has no shipment ${shipmentId}.`);
  }
  const carrier =
    update.carrier !== undefined
      ? CARRIERS[update.carrier]
      : Object.values(CARRIERS).find(
          (c) =>
            (shipment.shipping_provider !== '' && c.provider === shipment.shipping_provider) ||
            (shipment.tracking_carrier !== '' && c.trackingCarrier === shipment.tracking_carrier),
        );
  if (update.carrier !== undefined && !carrier) {
    throw new SandboxMutationError('invalid_input', `Unknown carrier '${update.carrier}'.`);
  }
  if (update.trackingNumber !== undefined) shipment.tracking_number = update.trackingNumber;
  if (update.comments !== undefined) shipment.comments = update.comments;
  if (carrier && shipment.tracking_number) {
    shipment.shipping_provider = carrier.provider;
    shipment.shipping_provider_display_name = carrier.displayName;
    shipment.tracking_link = '';
    shipment.generated_tracking_link = carrier.trackingUrl(shipment.tracking_number);
  }
  ctx.internals.touchOrder(order);
  ctx.emit(shipmentEvent('updated', shipment.id, order.id));
  return shipment;
}
