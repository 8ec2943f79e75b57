// A merchant refunds (the control panel's Refund action, or POST /v3/orders/{id}/payment_actions/refunds):
// a v3 refund record (orders.v3.yml `Refund`, listed at /v3/orders/{id}/payment_actions/refunds), refund
// amounts and quantities on the refunded lines (under the line's own field names: `refund_amount` +
// `quantity_refunded`, or the older `refunded_amount`), the order's refunded_amount, a refund transaction
// when the gateway records transactions, and status Refunded (4) once everything is refunded, else
// Partially Refunded (14). Fires store/order/refund/created, store/order/updated and, when the status
// changed, store/order/statusUpdated: refunds fire both (reference sync-novomind-ops.md A5).
import { formatIso, formatMoneyV2, formatMoneyV3 } from './format.js';
import { applyStatus, requireOrder, type MutationContext } from './mutation-context.js';
import { SandboxMutationError } from './mutation-error.js';
import { orderEvent, refundCreatedEvent, statusUpdatedEvent } from './store-events.js';
import type { RawOrderProduct, RawRefund, RawRefundItem, RawTransaction } from './types.js';

export interface RefundItemInput {
  orderProductId: number;
  quantity: number;
}

export interface RefundInput {
  /** Money in the order's currency, major units (v3 style, e.g. 12.5). Without items: an order-level refund. */
  amount?: number;
  reason?: string;
  /** Lines to refund; without items and amount, everything still refundable is refunded. */
  items?: RefundItemInput[];
}

const cents = (money: string | undefined): number => Math.round(Number(money ?? '0') * 100);

export function addRefund(ctx: MutationContext, orderId: number, input: RefundInput = {}): RawRefund {
  const order = requireOrder(ctx, orderId);
  const { data, internals } = ctx;
  internals.ownSubResources(order.id);
  const lines = data.getProducts(order.id);
  const addresses = data.getShippingAddresses(order.id);
  const earlier = data.refunds.get(order.id) ?? [];

  const refundedQuantity = (line: RawOrderProduct): number =>
    earlier
      .flatMap((refund) => refund.items)
      .filter((item) => item.item_type === 'PRODUCT' && item.item_id === line.id)
      .reduce((sum, item) => sum + (item.quantity ?? 0), 0);
  const lineRefunded = (line: RawOrderProduct): number => cents(line.refund_amount ?? line.refunded_amount);
  const lineAmount = (line: RawOrderProduct, quantity: number): number =>
    quantity === line.quantity - refundedQuantity(line)
      ? cents(line.discounted_total_inc_tax) - lineRefunded(line)
      : Math.round((cents(line.discounted_total_inc_tax) / line.quantity) * quantity);

  const orderTotal = cents(order.total_inc_tax);
  const refundedBefore = cents(order.refunded_amount);
  const refundable = orderTotal - refundedBefore;
  if (refundable <= 0) {
    throw new SandboxMutationError('nothing_to_refund', `Order ${order.id} is already fully refunded.`);
  }
  if (input.amount !== undefined && (!Number.isFinite(input.amount) || input.amount <= 0)) {
    throw new SandboxMutationError('invalid_input', 'amount must be a positive number.');
  }
  const reason = input.reason ?? 'Refund';

  const lineRefunds: { line: RawOrderProduct; quantity: number; amount: number }[] = [];
  const items: RawRefundItem[] = [];
  let total: number;
  if (input.items !== undefined) {
    if (!Array.isArray(input.items) || input.items.length === 0) {
      throw new SandboxMutationError('invalid_input', 'items must be a non-empty list.');
    }
    for (const item of input.items) {
      const line = lines.find((l) => l.id === item.orderProductId);
      if (!line) {
        throw new SandboxMutationError(
          'invalid_input',
          `Line ${item.orderProductId} is not on order ${order.id}.`,
        );
      }
      const left = line.quantity - refundedQuantity(line);
      if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > left) {
        throw new SandboxMutationError(
          'invalid_input',
          `Line ${line.id} has ${left} item(s) left to refund, not ${item.quantity}.`,
        );
      }
      lineRefunds.push({ line, quantity: item.quantity, amount: lineAmount(line, item.quantity) });
    }
    total =
      input.amount !== undefined
        ? Math.round(input.amount * 100)
        : lineRefunds.reduce((s, r) => s + r.amount, 0);
  } else if (input.amount !== undefined) {
    total = Math.round(input.amount * 100);
    items.push({ item_type: 'ORDER', item_id: order.id, reason, requested_amount: formatMoneyV3(total) });
  } else {
    // Everything still refundable: the remaining quantities and the shipping not refunded yet.
    for (const line of lines) {
      const left = line.quantity - refundedQuantity(line);
      if (left > 0) lineRefunds.push({ line, quantity: left, amount: lineAmount(line, left) });
    }
    const shippingRefunded = new Set(
      earlier
        .flatMap((r) => r.items)
        .filter((i) => i.item_type === 'SHIPPING')
        .map((i) => i.item_id),
    );
    for (const address of addresses) {
      if (shippingRefunded.has(address.id) || cents(address.cost_inc_tax) === 0) continue;
      items.push({
        item_type: 'SHIPPING',
        item_id: address.id,
        reason,
        requested_amount: formatMoneyV3(cents(address.cost_inc_tax)),
      });
    }
    total = refundable;
  }
  if (total > refundable) {
    throw new SandboxMutationError(
      'refund_exceeds_remaining',
      `Order ${order.id} has ${formatMoneyV2(refundable)} left to refund.`,
    );
  }
  items.unshift(
    ...lineRefunds.map(({ line, quantity }): RawRefundItem => ({
      item_type: 'PRODUCT',
      item_id: line.id,
      reason,
      quantity,
      requested_amount: null,
    })),
  );

  const transactions = data.transactions.get(order.id) ?? [];
  const paid = [...transactions].reverse().find((t) => t.event === 'purchase' || t.event === 'capture');
  const refundId = internals.ctx.counters.refund++;
  const taxShare = orderTotal > 0 ? cents(order.total_tax) / orderTotal : 0;
  const refund: RawRefund = {
    id: refundId,
    order_id: order.id,
    user_id: 1,
    created: formatIso(internals.now()),
    reason,
    total_amount: formatMoneyV3(total),
    total_tax: formatMoneyV3(Math.round(total * taxShare)),
    uses_merchant_override_values: input.amount !== undefined,
    items,
    payments: [
      {
        id: refundId * 10 + 1,
        provider_id: paid?.gateway || 'custom',
        amount: formatMoneyV3(total),
        offline: !paid,
        is_declined: false,
        declined_message: '',
      },
    ],
  };

  for (const { line, quantity, amount } of lineRefunds) {
    if (line.refunded_amount !== undefined && line.refund_amount === undefined) {
      line.refunded_amount = formatMoneyV2(lineRefunded(line) + amount);
    } else {
      line.refund_amount = formatMoneyV2(lineRefunded(line) + amount);
      line.quantity_refunded = (line.quantity_refunded ?? 0) + quantity;
    }
    line.is_refunded = refundedQuantity(line) + quantity >= line.quantity;
  }
  if (earlier.length) earlier.push(refund);
  else data.refunds.set(order.id, [refund]);
  if (paid) {
    const transaction: RawTransaction = {
      ...paid,
      id: internals.ctx.counters.transaction++,
      event: 'refund',
      amount: formatMoneyV3(total),
      date_created: formatIso(internals.now()),
      gateway_transaction_id: internals.ctx.prng.chars('0123456789abcdefghijklmnopqrstuvwxyz', 12),
      status: 'ok',
      reference_transaction_id: paid.id,
    };
    transactions.push(transaction);
  }

  const previous = order.status_id;
  const fullyRefunded = refundedBefore + total >= orderTotal;
  order.refunded_amount = formatMoneyV2(refundedBefore + total);
  order.payment_status = fullyRefunded ? 'refunded' : 'partially refunded';
  applyStatus(ctx, order, fullyRefunded ? 4 : 14);
  internals.touchOrder(order);

  ctx.emit(refundCreatedEvent(order.id, refund.id));
  ctx.emit(orderEvent('updated', order.id));
  if (order.status_id !== previous) ctx.emit(statusUpdatedEvent(order.id, previous, order.status_id));
  return refund;
}
