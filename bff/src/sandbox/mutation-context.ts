// What every mutation works with: the store's data and its internals, and `emit` to fire a webhook event.
import type { SandboxData, SandboxDataInternals } from './create-sandbox-data.js';
import { SandboxMutationError } from './mutation-error.js';
import type { RawOrder } from './types.js';
import type { WebhookEvent } from './webhook-payload.js';

export interface MutationContext {
  data: SandboxData;
  internals: SandboxDataInternals;
  emit(event: WebhookEvent): void;
}

export function requireOrder(ctx: MutationContext, orderId: number): RawOrder {
  const order = ctx.data.getOrder(orderId);
  if (!order) throw new SandboxMutationError('order_not_found', `Order ${orderId} does not exist.`);
  return order;
}

/** Sets status_id with its system name and the merchant's label, as BigCommerce serves them together. */
export function applyStatus(ctx: MutationContext, order: RawOrder, statusId: number): void {
  const status = ctx.data.statuses.find((s) => s.id === statusId);
  if (!status) throw new SandboxMutationError('invalid_status', `Status ${statusId} is not an order status.`);
  order.status_id = status.id;
  order.status = status.name;
  order.custom_status = status.custom_label;
}
