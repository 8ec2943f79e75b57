// The mutation API of one sandbox store (`sandbox.store(hash).mutate`): what merchants, shoppers and other
// apps do to a BigCommerce store while our product watches it. Each call changes the data as BigCommerce
// would, stamps date_modified with the injected clock (never earlier than the previous value + 1 s, so a
// delta run finds it) and fires the webhooks BigCommerce fires. Refusals throw SandboxMutationError.
// The same calls are exposed over HTTP by control-routes.ts.
import type { MutationContext } from './mutation-context.js';
import { createOrder, type CreateOrderInput } from './mutate-create-order.js';
import { updateCustomer, type CustomerPatch } from './mutate-customer.js';
import { archiveOrder, updateOrder, type OrderChanges } from './mutate-order.js';
import { addRefund, type RefundInput } from './mutate-refund.js';
import { addShipment, updateShipment, type ShipmentInput, type ShipmentUpdate } from './mutate-shipment.js';
import type { RawCustomer, RawOrder, RawRefund, RawShipment } from './types.js';

export interface StoreMutations {
  /** A merchant changes the status (fires order/updated and, if it changed, order/statusUpdated). */
  setStatus(orderId: number, statusId: number): RawOrder;
  /** A colleague edits the staff notes in the control panel (replaces the string; fires order/updated). */
  setStaffNotes(orderId: number, text: string): RawOrder;
  /** What PUT /v2/orders/{id} does with an already validated body. */
  updateOrder(orderId: number, changes: OrderChanges): RawOrder;
  addShipment(orderId: number, input?: ShipmentInput): RawShipment;
  updateShipment(orderId: number, shipmentId: number, update: ShipmentUpdate): RawShipment;
  addRefund(orderId: number, input?: RefundInput): RawRefund;
  createOrder(input: CreateOrderInput): RawOrder;
  updateCustomer(customerId: number, patch: CustomerPatch): RawCustomer;
  archiveOrder(orderId: number): RawOrder;
}

export function createStoreMutations(ctx: MutationContext): StoreMutations {
  return {
    setStatus: (orderId, statusId) => updateOrder(ctx, orderId, { status_id: statusId }),
    setStaffNotes: (orderId, text) => updateOrder(ctx, orderId, { staff_notes: text }),
    updateOrder: (orderId, changes) => updateOrder(ctx, orderId, changes),
    addShipment: (orderId, input) => addShipment(ctx, orderId, input),
    updateShipment: (orderId, shipmentId, update) => updateShipment(ctx, orderId, shipmentId, update),
    addRefund: (orderId, input) => addRefund(ctx, orderId, input),
    createOrder: (input) => createOrder(ctx, input),
    updateCustomer: (customerId, patch) => updateCustomer(ctx, customerId, patch),
    archiveOrder: (orderId) => archiveOrder(ctx, orderId),
  };
}

export type { CreateOrderInput, CustomerPatch, OrderChanges, RefundInput, ShipmentInput, ShipmentUpdate };
