// Payment side of one order: transactions per gateway (none for gateways BigCommerce records none for),
// refunds with PRODUCT and SHIPPING items, refunded line items, and the order's payment_status.
import { formatIso, formatMoneyV2, formatMoneyV3 } from './format.js';
import type { Draft } from './order-draft.js';
import type { SeedContext } from './seed-context.js';
import type { RegionProfile } from './seed-catalog.js';
import { foldToAscii } from './seed-people.js';
import { weighted } from './seed-random.js';
import { clampToBase, DAY, HOUR } from './seed-time.js';
import type {
  RawOrderProduct,
  RawRefund,
  RawRefundItem,
  RawShippingAddress,
  RawTransaction,
} from './types.js';

export interface PaymentsInput {
  id: number;
  draft: Draft;
  channel: RegionProfile['channels'][number];
  lines: RawOrderProduct[];
  shippingAddresses: RawShippingAddress[];
  totalInc: number;
  totalTax: number;
  lastShipped: number;
  shippedBeforeRefund: boolean;
}

export interface PaymentsResult {
  paymentMethod: string;
  paymentStatus: string;
  transactions: RawTransaction[];
  refunds: RawRefund[];
  refundedCents: number;
  /** Latest refund time (0 when none), for date_modified. */
  latestActivity: number;
}

/** Also writes refund fields onto the refunded lines. */
export function buildPayments(ctx: SeedContext, input: PaymentsInput): PaymentsResult {
  const { prng, profile, counters } = ctx;
  const {
    id,
    draft,
    channel,
    lines,
    shippingAddresses,
    totalInc,
    totalTax,
    lastShipped,
    shippedBeforeRefund,
  } = input;
  const statusId = draft.statusId;
  const scenario = draft.scenario;
  let latestActivity = 0;
  const gatewayChoice =
    scenario === 'noTransactions'
      ? profile.gateways.find((g) => g.gateway === null && !g.offline)!
      : statusId === 0 || scenario !== null
        ? // Persona orders pay by card so their transactions are predictable for tests and the demo.
          profile.gateways[0]!
        : weighted(
            prng,
            profile.gateways.map((g) => [g, g.weight] as const),
          );
  const currency = channel.currency;
  const transactions: RawTransaction[] = [];
  const cardType = prng.pick(['visa', 'mastercard', 'amex']);
  const last4 = prng.chars('0123456789', 4);
  const gatewayTxn = (): string =>
    gatewayChoice.gateway === 'stripe'
      ? `pi_3${prng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 23)}`
      : prng.chars('0123456789abcdefghijklmnopqrstuvwxyz', 8);
  const addTransaction = (
    event: RawTransaction['event'],
    amountCents: number,
    at: number,
    status: 'ok' | 'error' = 'ok',
    reference: number | null = null,
  ): number => {
    const txId = counters.transaction++;
    transactions.push({
      id: txId,
      order_id: String(id),
      event,
      method: 'credit_card',
      amount: formatMoneyV3(amountCents),
      currency,
      gateway: gatewayChoice.gateway ?? '',
      gateway_transaction_id: gatewayTxn(),
      date_created: formatIso(at),
      test: false,
      status,
      fraud_review: statusId === 12,
      reference_transaction_id: reference,
      offline: null,
      custom: null,
      payment_method_id: gatewayChoice.gateway === 'stripe' ? 'stripe.card' : 'braintree.card',
      avs_result: {
        code: 'Y',
        message: 'Street address and postal code match',
        street_match: 'Y',
        postal_match: 'Y',
      },
      cvv_result: { code: 'M', message: 'CVV matches' },
      credit_card: {
        card_type: cardType,
        card_iin: cardType === 'visa' ? '424242' : cardType === 'amex' ? '378282' : '555555',
        card_last4: last4,
        card_expiry_month: prng.int(1, 12),
        card_expiry_year: 2027 + prng.int(0, 4),
      },
    });
    return txId;
  };
  const paidAt = draft.createdMs + prng.int(5, 90) * 1000;
  const capturedStatuses = new Set([2, 3, 4, 8, 9, 10, 11, 13, 14]);
  let purchaseTxn: number | null = null;
  if (gatewayChoice.gateway) {
    if (statusId === 6) addTransaction('purchase', totalInc, paidAt, 'error');
    else if (statusId === 5) {
      const auth = addTransaction('authorization', totalInc, paidAt);
      addTransaction('void', totalInc, paidAt + prng.int(1, 48) * HOUR, 'ok', auth);
    } else if (statusId === 12 || (statusId === 11 && gatewayChoice.gateway === 'braintree')) {
      purchaseTxn = addTransaction('authorization', totalInc, paidAt);
    } else if (capturedStatuses.has(statusId)) {
      if (gatewayChoice.gateway === 'braintree') {
        const auth = addTransaction('authorization', totalInc, paidAt);
        purchaseTxn = addTransaction('capture', totalInc, paidAt + prng.int(1, 20) * HOUR, 'ok', auth);
      } else purchaseTxn = addTransaction('purchase', totalInc, paidAt);
    } else if (statusId === 7) addTransaction('pending', totalInc, paidAt);
  }

  // Refunds.
  const legacyNames = scenario === 'legacyRefundFields' || (scenario === null && id % 3 === 0);
  const refunds: RawRefund[] = [];
  let refundedCents = 0;
  const refundBase = clampToBase(Math.max(lastShipped, draft.createdMs) + prng.int(3, 20) * DAY);
  const addRefund = (
    items: RawRefundItem[],
    amountCents: number,
    taxCents: number,
    at: number,
    reason: string,
  ): void => {
    const refundId = counters.refund++;
    refunds.push({
      id: refundId,
      order_id: id,
      user_id: prng.int(1, 4),
      created: formatIso(at),
      reason,
      total_amount: formatMoneyV3(amountCents),
      total_tax: formatMoneyV3(taxCents),
      uses_merchant_override_values: false,
      items,
      payments: [
        {
          id: refundId * 10 + 1,
          provider_id:
            gatewayChoice.gateway ?? (gatewayChoice.offline ? 'custom' : foldToAscii(gatewayChoice.method)),
          amount: formatMoneyV3(amountCents),
          offline: gatewayChoice.offline ?? false,
          is_declined: false,
          declined_message: '',
        },
      ],
    });
    refundedCents += amountCents;
    if (gatewayChoice.gateway) addTransaction('refund', amountCents, at, 'ok', purchaseTxn);
    latestActivity = Math.max(latestActivity, at);
  };
  if (statusId === 4) {
    const returned = shippedBeforeRefund;
    const items: RawRefundItem[] = lines.map((line) => ({
      item_type: 'PRODUCT',
      item_id: line.id,
      reason: returned ? 'Returned by customer' : 'Order cancelled before shipping',
      quantity: line.quantity,
      requested_amount: null,
    }));
    for (const line of lines) {
      line.is_refunded = true;
      line.quantity_refunded = line.quantity;
      line.refund_amount = line.discounted_total_inc_tax;
      if (returned && line.id % 2 === 0) line.return_id = counters.returnId++;
    }
    let amount = lines.reduce((s, l) => s + Math.round(Number(l.discounted_total_inc_tax) * 100), 0);
    for (const address of shippingAddresses) {
      items.push({
        item_type: 'SHIPPING',
        item_id: address.id,
        reason: 'Shipping refunded',
        requested_amount: formatMoneyV3(Math.round(Number(address.cost_inc_tax) * 100)),
      });
      amount += Math.round(Number(address.cost_inc_tax) * 100);
    }
    addRefund(items, amount, totalTax, refundBase, returned ? 'Return received' : 'Cancelled by customer');
  } else if (statusId === 14) {
    const line = lines[0]!;
    const unitPaid = Math.round(Math.round(Number(line.discounted_total_inc_tax) * 100) / line.quantity);
    line.quantity_refunded = 1;
    line.refund_amount = formatMoneyV2(unitPaid);
    line.return_id = counters.returnId++;
    const unitTax = Math.round(Number(line.price_tax) * 100);
    addRefund(
      [
        {
          item_type: 'PRODUCT',
          item_id: line.id,
          reason: 'Damaged in transit',
          quantity: 1,
          requested_amount: null,
        },
      ],
      unitPaid,
      unitTax,
      refundBase,
      'Item arrived damaged',
    );
    const firstAddress = shippingAddresses[0];
    const shippingCents = firstAddress ? Math.round(Number(firstAddress.cost_inc_tax) * 100) : 0;
    if ((scenario === 'partiallyRefunded' || id % 2 === 0) && shippingCents > 0 && firstAddress) {
      addRefund(
        [
          {
            item_type: 'SHIPPING',
            item_id: firstAddress.id,
            reason: 'Goodwill: shipping refunded',
            requested_amount: formatMoneyV3(shippingCents),
          },
        ],
        shippingCents,
        Math.round(Number(firstAddress.cost_tax) * 100),
        clampToBase(refundBase + prng.int(1, 4) * DAY),
        'Goodwill',
      );
    }
  }
  if (legacyNames) {
    // Older payloads named the line refund `refunded_amount` and had no quantity_refunded.
    for (const line of lines) {
      line.refunded_amount = line.refund_amount ?? '0.0000';
      delete line.refund_amount;
      delete line.quantity_refunded;
    }
  }

  const paymentStatus = ((): string => {
    if (statusId === 0) return '';
    if (statusId === 4) return 'refunded';
    if (statusId === 14) return 'partially refunded';
    if (statusId === 5) return 'void';
    if (statusId === 6) return 'declined';
    if (statusId === 1 || statusId === 7) return 'pending';
    if (statusId === 12) return 'held for review';
    if (gatewayChoice.offline) return 'paid';
    if (statusId === 11 && gatewayChoice.gateway === 'braintree') return 'authorized';
    return 'captured';
  })();

  return {
    paymentMethod: gatewayChoice.method,
    paymentStatus,
    transactions,
    refunds,
    refundedCents,
    latestActivity,
  };
}
