// The `data` of each webhook scope the sandbox fires, exactly as BigCommerce documents it
// (BD docs/integrations/webhooks/events/index.mdx; reference bigcommerce-api.md (f)):
// orders `{type: 'order', id}`; statusUpdated adds `status: {previous_status_id, new_status_id}`;
// refund/created adds `refund: {refund_id}`; shipments `{type: 'shipment', id, orderId}` (camelCase);
// customers `{type: 'customer', id}`.
import type { WebhookEvent } from './webhook-payload.js';

export const orderEvent = (action: 'created' | 'updated' | 'archived', orderId: number): WebhookEvent => ({
  scope: `store/order/${action}`,
  data: { type: 'order', id: orderId },
});

export const statusUpdatedEvent = (orderId: number, previous: number, next: number): WebhookEvent => ({
  scope: 'store/order/statusUpdated',
  data: { type: 'order', id: orderId, status: { previous_status_id: previous, new_status_id: next } },
});

export const refundCreatedEvent = (orderId: number, refundId: number): WebhookEvent => ({
  scope: 'store/order/refund/created',
  data: { type: 'order', id: orderId, refund: { refund_id: refundId } },
});

export const shipmentEvent = (
  action: 'created' | 'updated' | 'deleted',
  shipmentId: number,
  orderId: number,
): WebhookEvent => ({
  scope: `store/shipment/${action}`,
  data: { type: 'shipment', id: shipmentId, orderId },
});

export const customerUpdatedEvent = (customerId: number): WebhookEvent => ({
  scope: 'store/customer/updated',
  data: { type: 'customer', id: customerId },
});
