// Writes to an order header: the PUT /v2/orders/{id} the BFF sends (staff_notes, status_id), a merchant's
// status change or notes edit in the control panel, and archiving. Each one stamps date_modified and fires
// `store/order/updated` ("any change to an existing order", BD webhook events); a changed status also fires
// `store/order/statusUpdated` with the previous and new status ids.
import { applyStatus, requireOrder, type MutationContext } from './mutation-context.js';
import { orderEvent, statusUpdatedEvent } from './store-events.js';
import type { RawOrder } from './types.js';

export interface OrderChanges {
  staff_notes?: string;
  status_id?: number;
}

export function updateOrder(ctx: MutationContext, orderId: number, changes: OrderChanges): RawOrder {
  const order = requireOrder(ctx, orderId);
  const previous = order.status_id;
  if (changes.status_id !== undefined) applyStatus(ctx, order, changes.status_id);
  if (changes.staff_notes !== undefined) order.staff_notes = changes.staff_notes;
  ctx.internals.touchOrder(order);
  ctx.emit(orderEvent('updated', order.id));
  if (order.status_id !== previous) ctx.emit(statusUpdatedEvent(order.id, previous, order.status_id));
  return order;
}

export function archiveOrder(ctx: MutationContext, orderId: number): RawOrder {
  const order = requireOrder(ctx, orderId);
  // DELETE /v2/orders/{id} archives (is_deleted: true) and fires store/order/archived (BD webhook events).
  order.is_deleted = true;
  ctx.internals.touchOrder(order);
  ctx.emit(orderEvent('archived', order.id));
  return order;
}
