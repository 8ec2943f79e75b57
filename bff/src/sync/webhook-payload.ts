import * as z from 'zod';

/**
 * What we read from a delivery: only the scope and the ids (DESIGN §9: payloads carry only ids; never trust
 * anything else in them). Shapes per scope (webhooks.v3 spec, BigCommerce's events page): orders
 * `data.id`; shipments `data.orderId` (camelCase); channel order scopes and transactions `data.order_id`
 * (sometimes a string); customers `data.id`.
 */
export interface DeliveryFacts {
  scope: string;
  /** The order it is about, or null. */
  orderId: number | null;
  customerId: number | null;
  /** The id of the record the scope names (shipment, refund …), for the log. */
  resourceId: number | null;
}

const id = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/)
    .transform(Number),
]);

const Envelope = z.looseObject({
  scope: z.string().min(1).max(200),
  data: z.looseObject({
    type: z.string().optional(),
    id: id.optional(),
    orderId: id.optional(),
    order_id: id.optional(),
  }),
});

/** The scopes the sync room acts on; anything else is acknowledged and ignored. */
export const HANDLED_SCOPE =
  /^store\/(order\/(created|updated|archived|statusUpdated|refund\/created)|shipment\/(created|updated|deleted)|customer\/(created|updated|deleted))$/;

/** null when the body is not a BigCommerce delivery we can use (invalid JSON, no ids). */
export function readDelivery(raw: Buffer): DeliveryFacts | null {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
  const parsed = Envelope.safeParse(json);
  if (!parsed.success) return null;
  const { scope, data } = parsed.data;
  if (scope.startsWith('store/customer/')) {
    return data.id === undefined ? null : { scope, orderId: null, customerId: data.id, resourceId: data.id };
  }
  if (scope.startsWith('store/shipment/')) {
    const orderId = data.orderId ?? data.order_id;
    return orderId === undefined ? null : { scope, orderId, customerId: null, resourceId: data.id ?? null };
  }
  const orderId = data.id ?? data.order_id;
  return orderId === undefined ? null : { scope, orderId, customerId: null, resourceId: orderId };
}
