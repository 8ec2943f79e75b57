// An order's consignments in the object structure of orders.v2.oas2.yml (`orderConsignment_Get`):
// `{pickups, shipping, downloads, email: {gift_certificates}}`, served by GET /v2/orders/{id}/consignments
// and inlined by `include=consignments[.line_items]&consignment_structure=object` on the order endpoints,
// so one call gives the order, its addresses, shipping methods and line items.
// - shipping: one per shipping address (`shippingConsignment_Get`): the address fields, the method, its
//   costs as numbers (the spec types them `number`, unlike the 4-decimal strings of /shipping_addresses),
//   and `line_items` = the lines of /products whose order_address_id is that address.
// - pickups: addresses whose method is a pickup method ("Abholung im Laden", "Pickup In Store") are
//   served as pickup consignments (`pickupConsignment_Get`) at the store's own location.
// - downloads: digital lines, one consignment to the billing email (`digitalConsignment_Get`, maxItems 1).
// - line_items are product links (`products_Resource`) unless `consignments.line_items` is included, then
//   the full `orderProducts` records.
import type { PickupDetails, PickupLocation } from './pickup-locations.js';
import type { RawFormField, RawOrder, RawOrderProduct, RawShippingAddress } from './types.js';

export interface ConsignmentContext {
  storeHash: string;
  pickupMethods: ReadonlySet<string>;
  pickup: PickupDetails;
}

type LineItems = RawOrderProduct[] | { url: string; resource: string }[];

export interface ShippingConsignment {
  id: number;
  first_name: string;
  last_name: string;
  company: string;
  street_1: string;
  street_2: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  country_iso2: string;
  phone: string;
  email: string;
  form_fields: RawFormField[];
  shipping_method: string;
  line_items: LineItems;
  items_total: number;
  items_shipped: number;
  base_cost: number;
  cost_ex_tax: number;
  cost_inc_tax: number;
  cost_tax: number;
  cost_tax_class_id: number;
  base_handling_cost: number;
  handling_cost_ex_tax: number;
  handling_cost_inc_tax: number;
  handling_cost_tax: number;
  handling_cost_tax_class_id: number;
  shipping_zone_id: number;
  shipping_zone_name: string;
  shipping_quotes: { url: string; resource: string };
}

export interface PickupConsignment {
  id: number;
  pickup_method_id: number;
  pickup_method_display_name: string;
  collection_instructions: string;
  collection_time_description: string;
  location: PickupLocation;
  line_items: LineItems;
}

export interface OrderConsignments {
  pickups: PickupConsignment[];
  shipping: ShippingConsignment[];
  downloads: { recipient_email: string; line_items: LineItems }[];
  email: { gift_certificates: { recipient_email: string; line_items: LineItems }[] };
}

export function buildConsignments(
  context: ConsignmentContext,
  order: RawOrder,
  lines: readonly RawOrderProduct[],
  addresses: readonly RawShippingAddress[],
  expandLines: boolean,
): OrderConsignments {
  const api = `https://api.bigcommerce.com/stores/${context.storeHash}/v2`;
  const items = (selected: RawOrderProduct[]): LineItems =>
    expandLines
      ? selected
      : selected.map((line) => ({
          url: `${api}/orders/${order.id}/products/${line.id}`,
          resource: `/orders/${order.id}/products/${line.id}`,
        }));
  const linesAt = (addressId: number): RawOrderProduct[] =>
    lines.filter((line) => line.order_address_id === addressId && line.type !== 'digital');

  const pickups: PickupConsignment[] = [];
  const shipping: ShippingConsignment[] = [];
  for (const address of addresses) {
    if (context.pickupMethods.has(address.shipping_method)) {
      pickups.push({
        id: address.id,
        pickup_method_id: 1,
        pickup_method_display_name: address.shipping_method,
        collection_instructions: context.pickup.collectionInstructions,
        collection_time_description: context.pickup.collectionTimeDescription,
        location: context.pickup.location,
        line_items: items(linesAt(address.id)),
      });
      continue;
    }
    const quotes = `/orders/${order.id}/consignments/shipping/${address.id}/shipping_quotes`;
    shipping.push({
      id: address.id,
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
      form_fields: address.form_fields,
      shipping_method: address.shipping_method,
      line_items: items(linesAt(address.id)),
      items_total: address.items_total,
      items_shipped: address.items_shipped,
      base_cost: Number(address.base_cost),
      cost_ex_tax: Number(address.cost_ex_tax),
      cost_inc_tax: Number(address.cost_inc_tax),
      cost_tax: Number(address.cost_tax),
      cost_tax_class_id: address.cost_tax_class_id,
      base_handling_cost: Number(address.base_handling_cost),
      handling_cost_ex_tax: Number(address.handling_cost_ex_tax),
      handling_cost_inc_tax: Number(address.handling_cost_inc_tax),
      handling_cost_tax: Number(address.handling_cost_tax),
      handling_cost_tax_class_id: address.handling_cost_tax_class_id,
      shipping_zone_id: address.shipping_zone_id,
      shipping_zone_name: address.shipping_zone_name,
      shipping_quotes: { url: `${api}${quotes}`, resource: quotes },
    });
  }
  const digital = lines.filter((line) => line.type === 'digital');
  return {
    pickups,
    shipping,
    downloads: digital.length
      ? [{ recipient_email: order.billing_address.email, line_items: items(digital) }]
      : [],
    email: { gift_certificates: [] },
  };
}
