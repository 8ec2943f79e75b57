import type { OrderStatus, StatusFamily } from '../../../shared/index.js';

/**
 * Status families by BigCommerce's fixed `status_id` (the label is the merchant's and may be renamed):
 * https://developer.bigcommerce.com/docs/rest-management/orders/order-status
 */
const FAMILIES: Readonly<Record<number, StatusFamily>> = {
  0: 'pending', // Incomplete: never shown, but mapped so a stray one does not read as "attention"
  1: 'pending',
  2: 'shipped',
  3: 'shipped', // Partially Shipped
  4: 'refunded',
  5: 'cancelled',
  6: 'cancelled', // Declined
  7: 'awaiting', // Awaiting Payment
  8: 'awaiting', // Awaiting Pickup
  9: 'awaiting', // Awaiting Shipment
  10: 'completed',
  11: 'awaiting', // Awaiting Fulfillment
  12: 'attention', // Manual Verification Required
  13: 'attention', // Disputed
  14: 'refunded', // Partially Refunded
};

/** Incomplete orders are abandoned checkouts (BigCommerce even fires order webhooks for them); never shown. */
export const INCOMPLETE_STATUS_ID = 0;

export function toOrderStatus(statusId: number, status: string, customStatus: string): OrderStatus {
  return {
    id: statusId,
    label: customStatus.trim() || status.trim() || `#${statusId}`,
    family: FAMILIES[statusId] ?? 'attention',
  };
}
